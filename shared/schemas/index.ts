/**
 * The one place where the extension and the server agree on shapes. Request schemas validate on both
 * sides; response schemas document the API (OpenAPI is generated from them) and type the extension's
 * client. Split by subject; import from `shared/schemas`, not from the files.
 */
export * from "./common";
export * from "./accounts";
export * from "./organisations";
export * from "./themes";
export * from "./library/items";
export * from "./bundles";
export * from "./offers";
export * from "./schools";
export * from "./webhooks";
export * from "./pages";
export * from "./library/bulk";
export * from "./questions";
export * from "./library/imports";
export * from "./library/exports";
export * from "./privacy/hand-over";
