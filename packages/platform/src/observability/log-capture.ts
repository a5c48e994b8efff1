import { Writable } from 'node:stream';

/** An in-memory log sink: every JSON line written to it, parsed. For tests and diagnostics. */
export class LogCapture extends Writable {
  readonly lines: Record<string, unknown>[] = [];

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (line.trim() !== '') this.lines.push(JSON.parse(line) as Record<string, unknown>);
    }
    callback();
  }

  /** Everything written, as one string: for "this text never appears in any log line" checks. */
  text(): string {
    return this.lines.map((line) => JSON.stringify(line)).join('\n');
  }
}
