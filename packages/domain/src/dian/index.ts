export * from "./cude";
export * from "./dianEnvironment";
export * from "./dianQr";
export * from "./issueMoment";
export * from "./sha384";
