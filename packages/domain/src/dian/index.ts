export * from "./cude";
export * from "./dianEnvironment";
export * from "./dianQr";
export * from "./electronicDocumentSchemas";
export * from "./electronicDocumentSending";
export * from "./issueMoment";
export * from "./sha384";
