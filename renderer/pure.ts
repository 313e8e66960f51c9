// Rows that render again only when their own data changed: what lets a keyed
// list of 200 cookies repaint only the rows that differ.
import { Component, createElement, type ComponentType, type FunctionComponent } from 'preact';

/** `view`, skipped while `same(old props, new props)` holds (by default: every prop the same object). */
export function pure<P extends object>(view: FunctionComponent<P>, same: (a: P, b: P) => boolean = shallowSame): ComponentType<P> {
  class Pure extends Component<P> {
    override shouldComponentUpdate(next: P): boolean {
      return !same(this.props, next);
    }
    override render() {
      return createElement(view, this.props);
    }
  }
  return Pure;
}

function shallowSame<P extends object>(a: P, b: P): boolean {
  const keys = Object.keys(a) as (keyof P)[];
  return keys.length === Object.keys(b).length && keys.every((k) => Object.is(a[k], b[k]));
}
