/** The part of addons-linter's library API the Firefox review test uses (the package ships no types). */
declare module "addons-linter" {
  interface LinterConfig {
    _: string[];
    logLevel: string;
    stack: boolean;
    pretty: boolean;
    warningsAsErrors: boolean;
    metadata: boolean;
    output: "none" | "json" | "text";
    boring: boolean;
    selfHosted: boolean;
  }
  interface LinterMessage {
    code: string;
    message: string;
    file?: string;
  }
  const addonsLinter: {
    createInstance(options: { config: LinterConfig; runAsBinary: boolean }): {
      run(): Promise<{ errors: LinterMessage[]; warnings: LinterMessage[]; summary: { errors: number; warnings: number; notices: number } }>;
    };
  };
  export default addonsLinter;
}
