// One PNG chunk (PNG §5.3: length, type, data, CRC-32 of type and data), for the scripts that write PNGs.
import { crc32 } from 'node:zlib';

export function pngChunk(type, data) {
  const chunk = Buffer.alloc(12 + data.length);
  chunk.writeUInt32BE(data.length, 0);
  chunk.write(type, 4, 'latin1');
  data.copy(chunk, 8);
  chunk.writeUInt32BE(crc32(chunk.subarray(4, 8 + data.length)), 8 + data.length);
  return chunk;
}
