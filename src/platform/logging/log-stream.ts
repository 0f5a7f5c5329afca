/** Where structured log lines go (stdout by default); tests swap it to read every line. */
export abstract class LogStream {
  abstract write(line: string): unknown;
}
