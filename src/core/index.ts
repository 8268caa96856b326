/** Pure domain core: no Office, DOM or Node imports. */
export * from "./errors";
export * from "./number";
export * from "./arah";
export * from "./capaian";
export * from "./predikat";
export * from "./anggaran";
export * from "./rata";
export * from "./terbilang";
