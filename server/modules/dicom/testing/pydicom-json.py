#!/usr/bin/python3
"""pydicom's DICOM JSON of each file named on standard input (a JSON array of paths), as one JSON
object on standard output: {path: data set, or {"error": message}}.

Run by instance-metadata-corpus.test.ts, once for the whole corpus. Every binary value becomes a
BulkDataURI "TAG@offset+length" (the value's tag, file position and length, as pydicom read it),
so that the test can compare where the reader located each one. An element pydicom cannot convert
(an IS of "1A") becomes {"vr": ..., "pydicomError": message} rather than failing the file.
"""

import json
import sys
import warnings

import pydicom

warnings.simplefilter('ignore')


def bulk_data_uri(element):
    # pydicom's value of an undefined-length element stops before its Sequence Delimitation Item.
    length = len(element.value) + (8 if element.is_undefined_length else 0)
    return f'{element.tag:08X}@{element.file_tell}+{length}'


def data_set(ds):
    out = {}
    for tag in ds.keys():
        key = f'{tag:08X}'
        try:
            element = ds[tag]
            if element.VR == 'SQ':
                out[key] = {'vr': 'SQ', 'Value': [data_set(item) for item in element.value]}
            else:
                out[key] = element.to_json_dict(bulk_data_uri, 0)
        except Exception as error:  # noqa: BLE001 - recorded for the comparison
            raw = ds.get_item(tag)
            out[key] = {'vr': getattr(raw, 'VR', None), 'pydicomError': repr(error)}
    return out


def read(path):
    try:
        try:
            ds = pydicom.dcmread(path)
        except pydicom.errors.InvalidDicomError:
            ds = pydicom.dcmread(path, force=True)
        return data_set(ds)
    except Exception as error:  # noqa: BLE001
        return {'error': repr(error)}


if __name__ == '__main__':
    paths = json.load(sys.stdin)
    json.dump({path: read(path) for path in paths}, sys.stdout, allow_nan=True)
