/**
 * The recogniser's text tests ask their regex only when the first character allows a match
 * (looksNumeric, numberLike), and a text is blank without trim when its first character is not
 * white space (isBlankText). The answers must be the regexes' own: here the patterns are written
 * out again as the oracle and both are asked on texts chosen at the edges of the first-character
 * shortcut (signs, dashes, 'rp', Unicode spaces, labels).
 */
import { isBlankText } from "../../src/core/blank";
import { looksNumeric } from "../../src/core/engine/recognise/cells";
import { numberLike } from "../../src/core/engine/recognise/rows";

const NUMERIC_TEXT = /^[-+\u2212]?\s*(?:rp\.?\s*)?[-+\u2212]?\d[\d.,\s]*(?:,-)?\s*%?$/i;
const DASHES = /^[-\u2010-\u2015\u2212]+$/;
const NUMBER_LIKE = /^[\d\s.,()-]+$/;

const SPACES = [
  "\t",
  "\n",
  "\v",
  "\f",
  "\r",
  " ",
  "\u00a0",
  "\u1680",
  "\u2000",
  "\u2005",
  "\u200a",
  "\u2028",
  "\u2029",
  "\u202f",
  "\u205f",
  "\u3000",
  "\ufeff",
];
const NOT_SPACES = ["\u180e", "\u200b", "\u200c", "\u0085", "\u2060"];

const TEXTS = [
  "",
  "87,44",
  "87,44%",
  "-",
  "--",
  "\u2013",
  "\u2014",
  "\u2212",
  "\u2212 5",
  "\u2010\u2015",
  "-5",
  "+5",
  "+",
  "Rp 1.234.567,-",
  "rp. 5",
  "RP5",
  "R",
  "Rata-rata",
  "rata-rata 5",
  "5 UMKM",
  "(8)",
  "(8) = 5 + 6",
  "12 = 8 + 9",
  "1.02.01",
  "0,-",
  ".5",
  ",5",
  ")",
  "(",
  "Program",
  "NIHIL",
  "%",
  "5%",
  "x5",
  "_5",
  "'5",
  "\u00a05",
  "5\u00a0",
  "\u0665",
  "٣",
];

const withSpaces = [
  ...TEXTS,
  ...SPACES.flatMap((s) => [s, `${s}5`, `${s}-`, `${s}rp 5`, `5${s}`, `${s}(8)`]),
  ...NOT_SPACES.flatMap((s) => [s, `${s}5`, `${s}(8)`]),
];

describe("first-character shortcuts of the recogniser's text tests", () => {
  test.each(withSpaces.map((t) => [JSON.stringify(t), t]))(
    "looksNumeric(%s) is the regexes' answer",
    (_name, t) => {
      expect(looksNumeric(t)).toBe(NUMERIC_TEXT.test(t) || DASHES.test(t));
    }
  );

  test.each(withSpaces.filter((t) => t !== "").map((t) => [JSON.stringify(t), t]))(
    "numberLike(%s) is the regex's answer",
    (_name, t) => {
      expect(numberLike(t)).toBe(NUMBER_LIKE.test(t));
    }
  );

  test.each(withSpaces.map((t) => [JSON.stringify(t), t]))(
    "isBlankText(%s) is trim's answer",
    (_name, t) => {
      expect(isBlankText(t)).toBe(t.trim() === "");
      expect(isBlankText(t + t)).toBe((t + t).trim() === "");
    }
  );

  test("every first character up to U+3100 gives the regexes' answer", () => {
    const wrong: string[] = [];
    for (let c = 0; c <= 0x3100; c++) {
      const ch = String.fromCharCode(c);
      for (const t of [ch, `${ch}5`, `${ch}rp 5`, `${ch} 5`, `${ch}-`, `${ch}${ch}`, `${ch} `]) {
        if (looksNumeric(t) !== (NUMERIC_TEXT.test(t) || DASHES.test(t)))
          wrong.push(`looksNumeric ${JSON.stringify(t)}`);
        if (numberLike(t) !== NUMBER_LIKE.test(t)) wrong.push(`numberLike ${JSON.stringify(t)}`);
        if (isBlankText(t) !== (t.trim() === "")) wrong.push(`isBlankText ${JSON.stringify(t)}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
