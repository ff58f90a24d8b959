/**
 * Number trees (ISO 32000-2 §7.9.7) read whole, for rules that must compare one across revisions (the structure
 * tree's /ParentTree): every key with its value, and every node object, or nothing when the tree is not a plain one.
 */
import type { PdfValue } from '../../../pdf/parse/index.js';
import { refNum, type RevisionView } from '../../pdf-access.js';

/** A number tree read whole (ISO 32000-2 §7.9.7): its key → value pairs and the indirect node objects it uses. */
export interface NumberTree {
  entries: Map<number, PdfValue>;
  nodes: Set<number>;
}

export const TREE_KEYS = new Set(['Kids', 'Nums', 'Limits']);
const MAX_TREE_NODES = 5000;

/**
 * Reads a number tree; undefined when it is not a plain one: a node with keys other than /Kids, /Nums, /Limits,
 * /Limits that are not the least and greatest keys below the node (a reader would skip entries by them), a
 * repeated key or node, or too many nodes.
 */
export function readNumberTree(view: RevisionView, root: PdfValue | undefined): NumberTree | undefined {
  const tree: NumberTree = { entries: new Map(), nodes: new Set() };
  let budget = MAX_TREE_NODES;
  const walk = (v: PdfValue | undefined, depth: number): [number, number] | undefined | false => {
    const num = refNum(v);
    if (num !== undefined) {
      if (tree.nodes.has(num)) return false;
      tree.nodes.add(num);
    }
    const d = view.dict(v);
    if (!d || depth > 32 || --budget < 0) return false;
    if ([...d.entries.keys()].some((k) => !TREE_KEYS.has(k))) return false;
    let lo = Infinity;
    let hi = -Infinity;
    const kids = view.getArray(d, 'Kids');
    const nums = view.getArray(d, 'Nums');
    if (kids && nums) return false;
    for (const k of kids ?? []) {
      const r = walk(k, depth + 1);
      if (r === false) return false;
      if (r) (lo = Math.min(lo, r[0])), (hi = Math.max(hi, r[1]));
    }
    if (nums) {
      if (nums.length % 2) return false;
      for (let i = 0; i < nums.length; i += 2) {
        const key = view.resolve(nums[i]);
        if (key?.kind !== 'number' || !Number.isInteger(key.value) || tree.entries.has(key.value)) return false;
        tree.entries.set(key.value, nums[i + 1]);
        lo = Math.min(lo, key.value);
        hi = Math.max(hi, key.value);
      }
    }
    const limits = view.getArray(d, 'Limits');
    if (limits) {
      const [a, b] = limits.map((x) => view.resolve(x));
      if (limits.length !== 2 || a?.kind !== 'number' || b?.kind !== 'number' || a.value !== lo || b.value !== hi) return false;
    }
    return lo <= hi ? [lo, hi] : undefined;
  };
  return walk(root, 0) === false ? undefined : tree;
}
