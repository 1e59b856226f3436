import { resourceOf } from './read-of.js';

describe('resourceOf', () => {
  it('names what a DICOMweb route reads, from its pattern', () => {
    const base = '/dicomweb/:owner/:dataset/@:ref';
    expect(resourceOf(`${base}/studies`)).toBe('qido');
    expect(resourceOf(`${base}/studies/:study/series`)).toBe('qido');
    expect(resourceOf(`${base}/studies/:study/series/:series/instances`)).toBe('qido');
    expect(resourceOf(`${base}/studies/:study`)).toBe('instances');
    expect(resourceOf(`${base}/studies/:study/series/:series/instances/:instance`)).toBe('instances');
    expect(resourceOf(`${base}/studies/:study/series/:series/metadata`)).toBe('metadata');
    expect(resourceOf(`${base}/studies/:study/series/:series/instances/:instance/frames/:frames`)).toBe('frames');
    expect(resourceOf(`${base}/studies/:study/series/:series/instances/:instance/frames/:frame/rendered`)).toBe(
      'rendered',
    );
    expect(resourceOf(`${base}/studies/:study/thumbnail`)).toBe('thumbnail');
    expect(resourceOf(`${base}/studies/:study/series/:series/instances/:instance/bulkdata/:range`)).toBe('bulkdata');
    expect(resourceOf('/dicomweb/wado')).toBe('wado-uri');
    expect(resourceOf('/dicomweb/studies')).toBe('qido');
  });
});
