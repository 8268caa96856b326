/**
 * CLI messages: Indonesian first, English with --lang en or LANG=en*.
 */
export type Lang = "id" | "en";

let current: Lang = detectLang(process.argv, process.env);

/** --lang wins over LANG/LC_ALL; anything starting with 'en' means English. */
export function detectLang(argv: readonly string[], env: NodeJS.ProcessEnv): Lang {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    let v: string | undefined;
    if (a === "--lang") v = argv[i + 1];
    else if (a.startsWith("--lang=")) v = a.slice(7);
    if (v !== undefined) return v.toLowerCase().startsWith("en") ? "en" : "id";
  }
  const envLang = env.LC_ALL || env.LANG || "";
  return envLang.toLowerCase().startsWith("en") ? "en" : "id";
}

export function setLang(l: Lang): void {
  current = l;
}

export function lang(): Lang {
  return current;
}

/** Pick the message of the current language. */
export function t(id: string, en: string): string {
  return current === "en" ? en : id;
}

/** Number with the language's decimal mark: 87,44 (id) or 87.44 (en). */
export function fmtNum(n: number | null | undefined, digits = 2): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return "-";
  return n.toLocaleString(current === "en" ? "en-US" : "id-ID", {
    minimumFractionDigits: 0,
    maximumFractionDigits: digits,
  });
}
