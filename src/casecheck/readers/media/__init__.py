"""Read media: video metadata (MediaInfo), images and 2D codes (zxing-cpp), AI provenance."""

# A face counts only when it shows in this many consecutive sampled frames: the face search
# (frames.py) is planned around it and ``video.faces``' ``min_frames`` may not be lower.
FACE_RUN = 2
