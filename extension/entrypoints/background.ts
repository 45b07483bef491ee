// The clipper arrives with the extension issue; until then the background only announces itself.
export default defineBackground(() => {
  browser.runtime.onInstalled.addListener(() => {
    console.info("Knooppunt installed");
  });
});
