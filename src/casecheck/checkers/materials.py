"""Materials checkers: is each material present once, in an accepted format; what else is there."""

from __future__ import annotations

from collections.abc import Iterator

from casecheck.checkers.registry import RuleContext, checker
from casecheck.explanation import Explanation
from casecheck.file_kinds import FORMAT_NAMES, VARIANT_NAMES, kind_token, really_is
from casecheck.i18n import Text
from casecheck.materials import Classification
from casecheck.result import Finding
from casecheck.vocabulary import material_title

KEYWORD_HINT = {
    "info_form": "信息表",
    "courseware": "课件",
    "video": "视频",
    "report": "总结报告",
}


@checker("materials.present", facts="submission")
def present(facts: Classification, ctx: RuleContext) -> Iterator[Finding]:
    """The rule's material is present exactly once, in an accepted format.

    Pass: 案例视频.mp4 is a real MP4. Fail: 总结报告.doc (legacy Word); two videos; none.
    """
    material = ctx.material or ""
    title = Text(material_title(material, "zh"), material_title(material, "en"))
    if material in facts.wrong_format:
        for entry in facts.wrong_format[material]:
            said, hint = really_is(entry)
            yield ctx.violation(
                Text(
                    f"{said.zh}，{title.zh}须为要求的格式",
                    f"{said.en}; the {title.en} must be in the required format",
                ),
                actual=kind_token(entry),
                file=entry.name,
                hint=hint,
            )
        return
    if material in facts.ambiguous:
        names = [e.name for e in facts.ambiguous[material]]
        yield ctx.violation(
            Text(
                f"找到 {len(names)} 个可能的{title.zh}：{'、'.join(names)}，无法确定提交哪一个",
                f"{len(names)} candidate {title.en} files: {', '.join(names)}; cannot tell which one is meant",
            ),
            actual=names,
            expected=Text("1 个", "exactly one").pick(ctx.lang),
            hint=Text(
                "请只保留一个，并在文件名中写明材料名称",
                "Keep one, and name it after the material.",
            ),
        )
        return
    found = facts.assigned.get(material)
    if found is None:
        keyword = KEYWORD_HINT.get(material, material)
        yield ctx.violation(
            Text(f"缺少{title.zh}", f"The {title.en} is missing"),
            actual=None,
            expected=Text("1 个", "exactly one").pick(ctx.lang),
            hint=Text(
                f"请放入{title.zh}，文件名中包含「{keyword}」",
                f"Add the {title.en}; put 「{keyword}」 in its file name.",
            ),
        )
        return
    fmt = FORMAT_NAMES.get(found.format or "", found.format or "?")
    variant = VARIANT_NAMES.get(found.detail) if found.kind in ("docx", "pptx") else None
    found_text = Text(
        f"已找到{title.zh}：{found.name}（{fmt}）",
        f"Found the {title.en}: {found.name} ({fmt})",
    )
    if variant is not None:
        found_text = Text(
            f"已找到{title.zh}：{found.name}（{variant.zh}，内容与 {fmt} 相同，按 {fmt} 检查）",
            f"Found the {title.en}: {found.name} ({variant.en}, the same content as {fmt}; "
            f"checked as {fmt})",
        )
    yield ctx.ok(
        found_text,
        actual=found.name,
        file=found.name,
    )


@checker("materials.extra", facts="submission")
def extra(facts: Classification, ctx: RuleContext) -> Iterator[Finding]:
    """Every file belongs to a material; system and lock files are named as such.

    Pass: only the four materials. Warn: .DS_Store, ~$报告.docx, 备注.txt.
    """
    if facts.truncated_listing:
        yield ctx.violation(
            Text(
                "文件夹中文件过多，只检查了前 500 个",
                "Too many files; only the first 500 were examined",
            )
        )
    if not facts.extras:
        yield ctx.ok(Text("没有多余的文件", "No extra files"))
        return
    for entry in facts.extras:
        if entry.system:
            msg = Text(
                f"{entry.name} 是系统或 Office 临时文件",
                f"{entry.name} is a system or Office lock file",
            )
            hint = Text(
                "上传前请删除（关闭 Office 后临时文件 ~$… 会自动消失）",
                "Delete it before uploading (close Office to remove ~$ lock files).",
            )
        elif entry.outside_link:
            msg = Text(
                f"{entry.name} 是指向文件夹外部的快捷方式（符号链接），未读取",
                f"{entry.name} is a link leading outside the folder; not followed",
            )
            hint = Text("请放入真实文件而不是链接", "Put the real file in the folder, not a link.")
        else:
            msg = Text(
                f"{entry.name} 不属于任何一项报送材料",
                f"{entry.name} belongs to no required material",
            )
            hint = Text(
                "确认无用后请删除，或在文件名中写明材料名称（信息表/课件/视频/报告）",
                "Delete it if unused, or name it after its material (信息表/课件/视频/报告).",
            )
        yield ctx.violation(msg, actual=entry.name, file=entry.name, hint=hint)


# What `casecheck explain` says about these checkers.
EXPLAIN = {
    "materials.present": Explanation(
        Text(
            "该材料恰好一份，格式正确（按文件内容识别，不只看扩展名），如「案例课件.pptx」",
            "exactly one file of this material in an accepted format (by content), e.g. 案例课件.pptx",
        ),
        Text(
            "缺少、有两份候选，或格式不对（.doc、.ppt、.wps、改名的 .mov）",
            "missing, two candidates, or a wrong format (.doc, .ppt, .wps, a renamed .mov)",
        ),
        Text(
            "补上该材料；旧格式请用 Word/PowerPoint「另存为」.docx/.pptx；文件名写明材料名称（如「案例视频」）",
            "Add it; save legacy files as .docx/.pptx; name files after the material.",
        ),
    ),
    "materials.extra": Explanation(
        Text("文件夹中只有四项材料", "the folder holds the four materials only"),
        Text(
            "多余文件，如 .DS_Store、~$报告.docx、备注.txt",
            "extra files, e.g. .DS_Store, ~$report.docx, notes.txt",
        ),
        Text("上传前删除多余文件", "Delete the extra files before uploading."),
    ),
}
