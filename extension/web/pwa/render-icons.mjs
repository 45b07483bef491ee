// Renders the web app's PNG icons from its SVGs with Chromium: `node extension/web/pwa/render-icons.mjs`.
// Run again after changing public/icon.svg or public/icon-maskable.svg, and commit the PNGs.
import { readFileSync } from "node:fs";
import { chromium } from "playwright-core";

const PUBLIC = new URL("../public/", import.meta.url);
const ICONS = [
  { svg: "icon.svg", png: "icon-192.png", size: 192, transparent: true },
  { svg: "icon.svg", png: "icon-512.png", size: 512, transparent: true },
  { svg: "icon-maskable.svg", png: "icon-maskable-512.png", size: 512, transparent: false },
];

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--headless=new", "--no-sandbox", "--disable-gpu"] });
try {
  for (const icon of ICONS) {
    const page = await browser.newPage({ viewport: { width: icon.size, height: icon.size }, deviceScaleFactor: 1 });
    const svg = readFileSync(new URL(icon.svg, PUBLIC), "utf8").replace("<svg ", `<svg width="${icon.size}" height="${icon.size}" `);
    await page.setContent(`<!doctype html><style>html,body{margin:0;background:transparent}svg{display:block}</style>${svg}`);
    await page.screenshot({ path: new URL(icon.png, PUBLIC).pathname, omitBackground: icon.transparent });
    await page.close();
  }
} finally {
  await browser.close();
}
