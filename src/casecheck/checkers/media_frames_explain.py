"""What ``casecheck explain`` says about the picture checkers of video_frames.py."""

from __future__ import annotations

from casecheck.explanation import Explanation
from casecheck.i18n import Text

EXPLAIN = {
    "media.faces": Explanation(
        Text(
            "画面中没有正面人脸（有则列出时间和截图，由人判断）",
            "no frontal face in the frames (else timecodes and pictures for a person)",
        ),
        Text("主讲人出镜，或学生正脸出现在画面中", "the presenter on camera, or students' faces"),
        Text("剪掉或打码这些画面", "Cut or blur those shots."),
    ),
    "media.end_frame": Explanation(
        Text(
            "片头/片尾画面与课件首页/尾页一致",
            "the first/last frame shows the deck's first/last slide",
        ),
        Text("片头是黑屏或与课件无关的画面", "a black or unrelated opening frame"),
        Text(
            "用课件首页/尾页作为视频的片头/片尾画面",
            "Use the deck's first/last slide as the opening/closing frame.",
        ),
    ),
}
