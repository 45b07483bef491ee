import { Component, h, type ComponentChildren, type FunctionComponent } from "preact";

/**
 * Re-renders a component only when one of its props changed (by identity): what preact/compat's memo
 * does, without pulling compat into the bundle.
 */
export function memo<P extends object>(render: FunctionComponent<P>) {
  return class Memo extends Component<P> {
    override shouldComponentUpdate(next: P) {
      const keys = new Set([...Object.keys(this.props), ...Object.keys(next)]);
      for (const key of keys) {
        if (key !== "children" && (this.props as Record<string, unknown>)[key] !== (next as Record<string, unknown>)[key]) return true;
      }
      return false;
    }

    override render(props: P & { children?: ComponentChildren }) {
      return h(render, props);
    }
  };
}
