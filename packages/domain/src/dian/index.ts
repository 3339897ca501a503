export * from "./cude";
export * from "./dianQr";
export * from "./issueMoment";
export * from "./sha384";
