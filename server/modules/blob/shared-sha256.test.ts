import { randomFillSync } from 'node:crypto';
import { sha256 } from './digest.js';
import { sha256Shared, sharedBuffer } from './shared-sha256.js';

describe('sha256Shared', () => {
  it('hashes views of shared memory on the worker, at any offset and concurrently, as sha256 does in place', async () => {
    const shared = randomFillSync(sharedBuffer(4 << 20));
    const views = Array.from({ length: 40 }, (_, i) => shared.subarray(i * 1_001, i * 1_001 + 70_000 + i * 50_000));
    const digests = await Promise.all(views.map((view) => sha256Shared(view)));
    expect(digests).toEqual(views.map((view) => sha256(Buffer.from(view))));
  });

  it('hashes ordinary buffers and small views in place, with the same result', async () => {
    const plain = randomFillSync(Buffer.alloc(200_000));
    expect(await sha256Shared(plain)).toBe(sha256(plain));
    const small = randomFillSync(sharedBuffer(100));
    expect(await sha256Shared(small)).toBe(sha256(Buffer.from(small)));
    expect(await sha256Shared(sharedBuffer(0))).toBe(sha256(''));
  });
});
