"""Read media: video metadata (MediaInfo), images and 2D codes (zxing-cpp), AI provenance."""
