/**
 * Blank text, asked for nearly every cell the engine reads: a text whose first character is not
 * white space is not blank, without calling trim (a built-in call per cell).
 */

/** The characters of the regex class \s and of String.prototype.trim (WhiteSpace, LineTerminator). */
export function isJsSpace(c: number): boolean {
  return (
    (c >= 9 && c <= 13) ||
    c === 32 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** s.trim() === "" */
export function isBlankText(s: string): boolean {
  return s.length === 0 || (isJsSpace(s.charCodeAt(0)) && s.trim() === "");
}
