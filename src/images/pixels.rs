//! Pixel checks: decode (with hard limits), turn upright, reduce to a small grey image, then
//! look for faces (rustface, the SeetaFace frontal model compiled in) and QR codes (rxing).

use std::cell::RefCell;
use std::io::Cursor;
use std::sync::OnceLock;

use image::{ImageFormat, ImageReader, Limits};
use rustface::{Detector, ImageData, Model};

use super::Format;
use crate::diagnostic::ImageRegion;

/// Largest width or height that is decoded at all (larger files are refused before decoding).
pub const MAX_SIDE: u32 = 20_000;
/// Largest allocation the decoder may make.
pub const MAX_ALLOC: u64 = 512 * 1024 * 1024;
/// Faces are searched on a copy whose long side is at most this many pixels.
pub const FACE_SIDE: u32 = 1440;
/// Smallest face size passed to the detector (rustface 0.1.7 does not use it: its pyramid
/// starts at scale 1, so faces need about 40 px in the working copy).
pub const MIN_FACE: u32 = 20;
/// Sliding-window step.
pub const FACE_STEP: u32 = 5;
/// Scale between pyramid levels.
pub const FACE_PYRAMID: f32 = 0.7;
/// QR codes are searched on a copy whose long side is at most this many pixels.
pub const QR_SIDE: u32 = 1600;

/// The SeetaFace frontal face model (BSD-2-Clause, see `models/LICENSE-seetaface`).
static MODEL_BYTES: &[u8] = include_bytes!("../../models/seeta_fd_frontal_v1.0.bin");

fn model() -> Option<&'static Model> {
    static MODEL: OnceLock<Option<Model>> = OnceLock::new();
    MODEL
        .get_or_init(|| rustface::read_model(MODEL_BYTES).ok())
        .as_ref()
}

thread_local! {
    static DETECTOR: RefCell<Option<Box<dyn Detector>>> = const { RefCell::new(None) };
}

/// A grey image, row-major, one byte per pixel.
#[derive(Debug, Clone)]
pub struct Gray {
    pub width: u32,
    pub height: u32,
    pub data: Vec<u8>,
}

/// What the pixels showed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PixelFacts {
    /// Face boxes in the coordinates of the upright original image.
    pub faces: Vec<ImageRegion>,
    /// Decoded QR code payloads.
    pub qr: Vec<String>,
}

fn image_format(f: Format) -> Option<ImageFormat> {
    Some(match f {
        Format::Jpeg => ImageFormat::Jpeg,
        Format::Png => ImageFormat::Png,
        Format::WebP => ImageFormat::WebP,
        Format::Gif => ImageFormat::Gif,
        Format::Tiff => ImageFormat::Tiff,
        Format::Heif => return None,
    })
}

/// Decode to grey with the limits above. The error text says why in plain words.
pub fn decode_gray(bytes: &[u8], format: Format) -> Result<Gray, String> {
    if format == Format::Jpeg {
        return decode_jpeg_gray(bytes);
    }
    let fmt = image_format(format).ok_or_else(|| "format cannot be decoded".to_string())?;
    let mut reader = ImageReader::with_format(Cursor::new(bytes), fmt);
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_ALLOC);
    reader.limits(limits);
    let img = reader.decode().map_err(|e| match e {
        image::ImageError::Limits(_) => format!(
            "picture too large to decode safely (limit {MAX_SIDE} px per side, {} MiB)",
            MAX_ALLOC / (1024 * 1024)
        ),
        e => format!("picture data damaged ({e})"),
    })?;
    let g = img.into_luma8();
    let (width, height) = g.dimensions();
    if width == 0 || height == 0 {
        return Err("image has no pixels".into());
    }
    Ok(Gray {
        width,
        height,
        data: g.into_raw(),
    })
}

/// JPEG straight to grey: only the luma channel is decoded (no chroma upsampling or colour
/// conversion), which is about twice as fast as decoding colour and converting.
fn decode_jpeg_gray(bytes: &[u8]) -> Result<Gray, String> {
    use zune_core::bytestream::ZCursor;
    use zune_core::colorspace::ColorSpace;
    use zune_core::options::DecoderOptions;
    let opts = DecoderOptions::default()
        .jpeg_set_out_colorspace(ColorSpace::Luma)
        .set_max_width(MAX_SIDE as usize)
        .set_max_height(MAX_SIDE as usize);
    let mut d = zune_jpeg::JpegDecoder::new_with_options(ZCursor::new(bytes), opts);
    d.decode_headers()
        .map_err(|e| format!("picture data damaged ({e:?})"))?;
    let info = d.info().ok_or("picture data damaged (no frame header)")?;
    let (w, h) = (info.width as u64, info.height as u64);
    if w == 0 || h == 0 {
        return Err("image has no pixels".into());
    }
    if w * h > MAX_ALLOC / 4 {
        return Err(format!(
            "picture too large to decode safely (limit {MAX_SIDE} px per side, {} MiB)",
            MAX_ALLOC / (1024 * 1024)
        ));
    }
    let data = d
        .decode()
        .map_err(|e| format!("picture data damaged ({e:?})"))?;
    if data.len() as u64 != w * h {
        return Err("picture data damaged (unexpected size)".into());
    }
    if super::scrub::jpeg_is_truncated(bytes) {
        return Err("file is truncated: it ends before the picture is complete".into());
    }
    Ok(Gray {
        width: w as u32,
        height: h as u32,
        data,
    })
}

impl Gray {
    /// Turn the image upright according to the EXIF orientation (1–8).
    pub fn orient(self, orientation: Option<u16>) -> Gray {
        let o = orientation.unwrap_or(1);
        if !(2..=8).contains(&o) {
            return self;
        }
        let (w, h) = (self.width as usize, self.height as usize);
        let swap = o >= 5;
        let (nw, nh) = if swap { (h, w) } else { (w, h) };
        let mut out = vec![0u8; w * h];
        for y in 0..h {
            for x in 0..w {
                // Where the source pixel (x, y) lands in the upright image.
                let (nx, ny) = match o {
                    2 => (w - 1 - x, y),
                    3 => (w - 1 - x, h - 1 - y),
                    4 => (x, h - 1 - y),
                    5 => (y, x),
                    6 => (h - 1 - y, x),
                    7 => (h - 1 - y, w - 1 - x),
                    _ => (y, w - 1 - x), // 8
                };
                out[ny * nw + nx] = self.data[y * w + x];
            }
        }
        Gray {
            width: nw as u32,
            height: nh as u32,
            data: out,
        }
    }

    /// Shrink so that the long side is at most `max`: an integer box average down to at most
    /// twice the target, then a triangle filter to the exact size. Returns the copy and the
    /// scale factor (original pixels per copy pixel).
    pub fn shrink(&self, max: u32) -> (Gray, f64) {
        let long = self.width.max(self.height);
        if long <= max {
            return (self.clone(), 1.0);
        }
        let k = (long / max / 2).max(1);
        let (boxed, _) = self.reduce_by(k);
        let s = max as f64 / boxed.width.max(boxed.height) as f64;
        let (nw, nh) = (
            ((boxed.width as f64 * s).round() as u32).max(1),
            ((boxed.height as f64 * s).round() as u32).max(1),
        );
        let img = image::GrayImage::from_raw(boxed.width, boxed.height, boxed.data)
            .expect("buffer size matches");
        let out = image::imageops::resize(&img, nw, nh, image::imageops::FilterType::Triangle);
        (
            Gray {
                width: nw,
                height: nh,
                data: out.into_raw(),
            },
            self.width as f64 / nw as f64,
        )
    }

    /// Shrink by an integer factor so that the long side is at most `max` (box average).
    /// Returns the copy and the factor.
    pub fn reduce(&self, max: u32) -> (Gray, u32) {
        let long = self.width.max(self.height);
        self.reduce_by(long.div_ceil(max).max(1))
    }

    fn reduce_by(&self, k: u32) -> (Gray, u32) {
        if k == 1 {
            return (self.clone(), 1);
        }
        let (nw, nh) = (self.width / k, self.height / k);
        if nw == 0 || nh == 0 {
            return (self.clone(), 1);
        }
        let (k, w) = (k as usize, self.width as usize);
        let mut sums = vec![0u32; nw as usize];
        let mut out = Vec::with_capacity(nw as usize * nh as usize);
        let area = (k * k) as u32;
        for by in 0..nh as usize {
            sums.iter_mut().for_each(|s| *s = 0);
            for y in by * k..by * k + k {
                let row = &self.data[y * w..y * w + nw as usize * k];
                for (s, chunk) in sums.iter_mut().zip(row.chunks_exact(k)) {
                    *s += chunk.iter().map(|&p| p as u32).sum::<u32>();
                }
            }
            out.extend(sums.iter().map(|s| (s / area) as u8));
        }
        (
            Gray {
                width: nw,
                height: nh,
                data: out,
            },
            k as u32,
        )
    }
}

/// Faces on an upright grey image; boxes in its coordinates.
pub fn faces(img: &Gray) -> Vec<ImageRegion> {
    faces_with(img, FaceParams::default())
}

/// Face detector settings (see the README for how they were chosen).
#[derive(Debug, Clone, Copy)]
pub struct FaceParams {
    /// Long side of the working copy.
    pub side: u32,
    /// Sliding-window step in pixels.
    pub step: u32,
    /// Scale between pyramid levels.
    pub pyramid: f32,
}

impl Default for FaceParams {
    fn default() -> Self {
        FaceParams {
            side: FACE_SIDE,
            step: FACE_STEP,
            pyramid: FACE_PYRAMID,
        }
    }
}

/// Faces with explicit settings (for tuning).
pub fn faces_with(img: &Gray, p: FaceParams) -> Vec<ImageRegion> {
    if img.width == 0 || img.height == 0 {
        return Vec::new();
    }
    let Some(model) = model() else {
        return Vec::new();
    };
    let (small, k) = img.shrink(p.side);
    // The detector is taken out of the thread's slot while it runs and put back afterwards:
    // rustface itself runs on rayon, and a worker waiting inside `detect` may pick up another
    // image's face search on the same thread, which then builds a detector of its own.
    let mut det = DETECTOR
        .with(|cell| cell.borrow_mut().take())
        .unwrap_or_else(|| {
            let mut d = rustface::create_detector_with_model(model.clone());
            d.set_min_face_size(MIN_FACE);
            d.set_score_thresh(2.0);
            d
        });
    let found = {
        det.set_pyramid_scale_factor(p.pyramid.clamp(0.5, 0.95));
        det.set_slide_window_step(p.step.max(1), p.step.max(1));
        let data = ImageData::new(&small.data, small.width, small.height);
        let mut found: Vec<ImageRegion> = det
            .detect(&data)
            .into_iter()
            .map(|f| {
                let b = f.bbox();
                let x = b.x().max(0) as u32;
                let y = b.y().max(0) as u32;
                let scale = |v: u32| (v as f64 * k).round() as u32;
                ImageRegion {
                    x: scale(x),
                    y: scale(y),
                    width: scale(b.width().min(small.width.saturating_sub(x))),
                    height: scale(b.height().min(small.height.saturating_sub(y))),
                }
            })
            .collect();
        found.sort_by_key(|r| (r.y, r.x));
        found
    };
    DETECTOR.with(|cell| *cell.borrow_mut() = Some(det));
    found
}

/// QR code payloads on an upright grey image.
pub fn qr_codes(img: &Gray) -> Vec<String> {
    let (small, _) = img.reduce(QR_SIDE);
    let mut hints = rxing::DecodeHints {
        TryHarder: Some(true),
        ..Default::default()
    };
    let decoded = rxing::helpers::detect_in_luma_with_hints(
        small.data,
        small.width,
        small.height,
        Some(rxing::BarcodeFormat::QR_CODE),
        &mut hints,
    );
    match decoded {
        Ok(r) => vec![r.getText().to_string()],
        Err(_) => Vec::new(),
    }
}

/// Decode and run the pixel checks.
pub fn inspect(
    bytes: &[u8],
    format: Format,
    orientation: Option<u16>,
) -> Result<PixelFacts, String> {
    let gray = decode_gray(bytes, format)?.orient(orientation);
    let (faces, qr) = rayon::join(|| faces(&gray), || qr_codes(&gray));
    Ok(PixelFacts { faces, qr })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid(w: u32, h: u32) -> Gray {
        Gray {
            width: w,
            height: h,
            data: (0..w * h).map(|i| (i % 251) as u8).collect(),
        }
    }

    #[test]
    fn orientation_round_trip() {
        let g = grid(3, 2);
        // 6 (rotate 90° clockwise to view) then 8 (rotate back) is the identity.
        let r = g.clone().orient(Some(6));
        assert_eq!((r.width, r.height), (2, 3));
        // Top-left of the upright image is the source's bottom-left.
        assert_eq!(r.data[0], g.data[3]);
        let back = r.orient(Some(8));
        assert_eq!(back.data, g.data);
        for o in 1..=8 {
            let r = g.clone().orient(Some(o));
            assert_eq!(r.data.len(), 6);
        }
    }

    #[test]
    fn reduce_averages_blocks() {
        let g = Gray {
            width: 4,
            height: 2,
            data: vec![0, 10, 20, 30, 0, 10, 20, 30],
        };
        let (r, k) = g.reduce(2);
        assert_eq!(k, 2);
        assert_eq!((r.width, r.height), (2, 1));
        assert_eq!(r.data, vec![5, 25]);
        let (same, k) = g.reduce(100);
        assert_eq!((same.width, k), (4, 1));
    }

    #[test]
    fn face_search_can_run_nested_in_rayon() {
        // rustface uses rayon inside `detect`; many searches in parallel used to re-enter the
        // thread's detector slot ("RefCell already borrowed").
        use rayon::prelude::*;
        let g = Gray {
            width: 240,
            height: 180,
            data: (0..240 * 180u32).map(|i| (i * 7919 % 251) as u8).collect(),
        };
        let n: usize = (0..24).into_par_iter().map(|_| faces(&g).len()).sum();
        assert_eq!(n, 0, "noise has no faces");
    }

    #[test]
    fn model_is_the_vendored_seetaface_file() {
        assert_eq!(MODEL_BYTES.len(), 1_209_904);
        assert!(model().is_some());
    }
}
