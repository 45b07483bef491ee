/** The English half of the catalogue, made by the extension's build (wxt.config.ts). */
declare module "virtual:knooppunt-english" {
  const texts: Readonly<Record<string, string>>;
  export default texts;
}
