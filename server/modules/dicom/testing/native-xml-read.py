#!/usr/bin/python3
"""Parses Native DICOM Model documents (a JSON array of XML texts on standard input) with Python's
expat, which refuses any document that is not well-formed XML 1.0, and writes back what each says
as DICOM JSON-like data sets (a JSON array on standard output): every Value as its text, person
names rebuilt from their components, and private attributes keyed by their tag and creator.

Run by native-dicom-xml.test.ts.
"""

import json
import sys
import xml.etree.ElementTree as ET

NS = '{http://dicom.nema.org/PS3.19/models/NativeDICOM}'
GROUPS = ('Alphabetic', 'Ideographic', 'Phonetic')
COMPONENTS = ('FamilyName', 'GivenName', 'MiddleName', 'NamePrefix', 'NameSuffix')


def person_name(element):
    name = {}
    for group in GROUPS:
        node = element.find(NS + group)
        if node is None:
            continue
        parts = [(node.findtext(NS + component) or '') for component in COMPONENTS]
        while parts and parts[-1] == '':
            parts.pop()
        name[group] = '^'.join(parts)
    return name or None


def numbered(element, tag):
    children = element.findall(NS + tag)
    assert [int(child.get('number')) for child in children] == list(range(1, len(children) + 1)), tag
    return children


def data_set(element):
    out = {}
    for attribute in element.findall(NS + 'DicomAttribute'):
        key = attribute.get('tag')
        if attribute.get('privateCreator') is not None:
            key += ' ' + attribute.get('privateCreator')
        assert key not in out, key
        json_attribute = {'vr': attribute.get('vr')}
        if attribute.get('keyword') is not None:
            json_attribute['keyword'] = attribute.get('keyword')
        bulk = attribute.find(NS + 'BulkData')
        inline = attribute.find(NS + 'InlineBinary')
        if bulk is not None:
            json_attribute['BulkDataURI'] = bulk.get('uri')
        elif inline is not None:
            json_attribute['InlineBinary'] = inline.text
        elif attribute.get('vr') == 'SQ':
            items = [data_set(item) for item in numbered(attribute, 'Item')]
            if items:
                json_attribute['Value'] = items
        elif attribute.get('vr') == 'PN':
            names = [person_name(name) for name in numbered(attribute, 'PersonName')]
            if names:
                json_attribute['Value'] = names
        else:
            values = [value.text for value in numbered(attribute, 'Value')]
            if values:
                json_attribute['Value'] = values
        out[key] = json_attribute
    return out


if __name__ == '__main__':
    documents = json.load(sys.stdin)
    results = []
    for text in documents:
        root = ET.fromstring(text.encode('utf-8'))
        assert root.tag == NS + 'NativeDicomModel', root.tag
        results.append(data_set(root))
    json.dump(results, sys.stdout)
