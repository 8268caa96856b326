/**
 * Progress indicator on stderr: shown when stderr is a TTY or --progress is given, so pipes and
 * tests stay quiet. On a TTY one line is rewritten in place; otherwise each step is a line.
 */
export interface Progress {
  step(text: string): void;
  done(): void;
}

const LARGE_SHEET_ROWS = 2000;

export function largeSheet(rows: number): boolean {
  return rows >= LARGE_SHEET_ROWS;
}

export function makeProgress(
  enabled: boolean | undefined,
  stream: NodeJS.WriteStream = process.stderr
): Progress {
  const on = enabled === true || (enabled !== false && stream.isTTY === true);
  if (!on) return { step: () => undefined, done: () => undefined };
  const tty = stream.isTTY === true;
  let wrote = false;
  return {
    step(text: string) {
      if (tty) {
        const cols = stream.columns || 80;
        stream.write(`\r\x1b[K${text.slice(0, cols - 1)}`);
        wrote = true;
      } else {
        stream.write(`${text}\n`);
      }
    },
    done() {
      if (tty && wrote) stream.write("\r\x1b[K");
      wrote = false;
    },
  };
}
