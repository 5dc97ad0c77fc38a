/**
 * The Pfeed item encoder (Gebre et al. 2024): a small pre-LN transformer over an item's content
 * tokens with role tokens prepended; the output at each role token, through a shared linear
 * head and L2-normalised, is the item's embedding in that role.
 * SIMO prepends all three role tokens and reads the three embeddings from one pass; SISO (same
 * network, its own weights when trained as SISO) prepends one role token per pass.
 * Pure tensor code: call `encode` inside a tidy.
 */
import * as tf from '@tensorflow/tfjs-core';
import { Rng } from '../../rng';
import { glorot, normals } from '../pinsage/init-values';
import { mm } from '../pinsage/ops';
import type { SimoConfig } from './config';
import type { ContentTokens } from './content-tokens';

let encoderCounter = 0;

interface LayerWeights {
  ln1g: tf.Variable;
  ln1b: tf.Variable;
  wq: tf.Variable;
  wk: tf.Variable;
  wv: tf.Variable;
  wo: tf.Variable;
  bo: tf.Variable;
  ln2g: tf.Variable;
  ln2b: tf.Variable;
  w1: tf.Variable;
  b1: tf.Variable;
  w2: tf.Variable;
  b2: tf.Variable;
}

export interface PinSageMatrix {
  /** N × dim, item table order. */
  readonly values: Float32Array;
  readonly dim: number;
}

export interface SimoEncoder {
  readonly cfg: SimoConfig;
  readonly tokens: ContentTokens;
  /** Width of the role embeddings (hidden, + the PinSage dim with 'concat'). */
  readonly dim: number;
  readonly variables: tf.Variable[];
  /**
   * Role embeddings [n, S, dim] (L2-normalised rows) of n items: `content` [n, width] int32 ids,
   * `roles` [n, S] int32 role tokens (ROLE_TOKEN), `items` [n] int32 item indices (needed with
   * pinsage 'concat' only).
   */
  encode(content: tf.Tensor, roles: tf.Tensor, items?: tf.Tensor): tf.Tensor3D;
  dispose(): void;
}

function layerNorm(x: tf.Tensor, g: tf.Tensor, b: tf.Tensor): tf.Tensor {
  const mean = tf.mean(x, -1, true);
  const c = tf.sub(x, mean);
  const variance = tf.mean(tf.square(c), -1, true);
  return tf.add(tf.mul(tf.mul(c, tf.rsqrt(tf.add(variance, 1e-5))), g), b);
}

function l2rows(x: tf.Tensor): tf.Tensor {
  return tf.div(x, tf.sqrt(tf.add(tf.sum(tf.square(x), -1, true), 1e-12)));
}

/** Unit-norm rows of the PinSage matrix (zero rows stay zero). */
function normalisedRows(m: PinSageMatrix, n: number): Float32Array {
  if (m.values.length !== n * m.dim) throw new Error(`PinSage matrix has ${m.values.length} values, expected ${n} items × ${m.dim}`);
  const out = new Float32Array(m.values.length);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let k = 0; k < m.dim; k++) s += m.values[i * m.dim + k] ** 2;
    const inv = s > 0 ? 1 / Math.sqrt(s) : 0;
    for (let k = 0; k < m.dim; k++) out[i * m.dim + k] = m.values[i * m.dim + k] * inv;
  }
  return out;
}

/** [L, L] additive mask: role token a sees itself and the content; content sees content only. */
function isolationMask(S: number, L: number): Float32Array {
  const m = new Float32Array(L * L);
  for (let a = 0; a < L; a++) for (let b = 0; b < S; b++) if (b !== a) m[a * L + b] = -1e9;
  return m;
}

/**
 * Builds the encoder's weights (seeded). `pinsage` is required when cfg.pinsage ≠ 'off'.
 */
export function buildSimoEncoder(cfg: SimoConfig, tokens: ContentTokens, pinsage?: PinSageMatrix | null): SimoEncoder {
  if (cfg.pinsage !== 'off' && !pinsage) throw new Error(`pinsage '${cfg.pinsage}' needs a PinSage embedding matrix (N × D); none was given`);
  if (cfg.pinsage === 'init' && tokens.itemBase < 0) throw new Error("pinsage 'init' needs content tokens built with the item token (buildContentTokens with pinsage 'init')");
  const d = cfg.hidden;
  const H = cfg.heads;
  const dh = d / H;
  const f = d * cfg.ffnMultiplier;
  // the same seed gives SIMO and SISO the same initial weights (with isolated role attention they
  // then compute the same function, so a SIMO / SISO comparison measures the passes, not the draw)
  const rng = new Rng(cfg.seed).fork('simo-init');
  const id = ++encoderCounter;
  const v = (name: string, values: Float32Array, shape: number[]): tf.Variable => tf.variable(tf.tensor(values, shape), true, `simo${id}/${name}`);
  const ones = (n: number): Float32Array => new Float32Array(n).fill(1);
  const table = normals(rng, tokens.vocab * d, 0.1);
  table.fill(0, 0, d); // padding row
  if (cfg.pinsage === 'init' && pinsage) {
    // item token rows start at the PinSage vector, projected to d by a seeded Gaussian map
    const P = normals(rng.fork('pinsage-proj'), pinsage.dim * d, 1 / Math.sqrt(pinsage.dim));
    const unit = normalisedRows(pinsage, tokens.nItems);
    for (let i = 0; i < tokens.nItems; i++) {
      const row = (tokens.itemBase + i) * d;
      for (let c = 0; c < d; c++) {
        let s = 0;
        for (let k = 0; k < pinsage.dim; k++) s += unit[i * pinsage.dim + k] * P[k * d + c];
        table[row + c] = s;
      }
    }
  }
  const embed = v('tokens', table, [tokens.vocab, d]);
  const layers: LayerWeights[] = [];
  for (let l = 0; l < cfg.layers; l++) {
    layers.push({
      ln1g: v(`l${l}/ln1g`, ones(d), [d]),
      ln1b: v(`l${l}/ln1b`, new Float32Array(d), [d]),
      wq: v(`l${l}/wq`, glorot(rng, d, d), [d, d]),
      wk: v(`l${l}/wk`, glorot(rng, d, d), [d, d]),
      wv: v(`l${l}/wv`, glorot(rng, d, d), [d, d]),
      wo: v(`l${l}/wo`, glorot(rng, d, d), [d, d]),
      bo: v(`l${l}/bo`, new Float32Array(d), [d]),
      ln2g: v(`l${l}/ln2g`, ones(d), [d]),
      ln2b: v(`l${l}/ln2b`, new Float32Array(d), [d]),
      w1: v(`l${l}/w1`, glorot(rng, d, f), [d, f]),
      b1: v(`l${l}/b1`, new Float32Array(f), [f]),
      w2: v(`l${l}/w2`, glorot(rng, f, d), [f, d]),
      b2: v(`l${l}/b2`, new Float32Array(d), [d]),
    });
  }
  const lnfg = v('lnf/g', ones(d), [d]);
  const lnfb = v('lnf/b', new Float32Array(d), [d]);
  const head = v('head', glorot(rng, d, d), [d, d]);
  const variables: tf.Variable[] = [embed];
  for (const w of layers) variables.push(w.ln1g, w.ln1b, w.wq, w.wk, w.wv, w.wo, w.bo, w.ln2g, w.ln2b, w.w1, w.b1, w.w2, w.b2);
  variables.push(lnfg, lnfb, head);
  let frozen: tf.Tensor2D | null = null;
  let mix: tf.Variable | null = null;
  if (cfg.pinsage === 'concat' && pinsage) {
    frozen = tf.keep(tf.tensor2d(normalisedRows(pinsage, tokens.nItems), [tokens.nItems, pinsage.dim]));
    mix = v('pinsage-mix', new Float32Array([0]), [1]); // sigmoid(0) = ½: equal weight to content and PinSage
    variables.push(mix);
  }
  const dim = d + (frozen ? frozen.shape[1] : 0);

  const encode = (content: tf.Tensor, roles: tf.Tensor, items?: tf.Tensor): tf.Tensor3D => {
    const n = content.shape[0];
    const S = roles.shape[1] as number;
    const ids = tf.concat([tf.cast(roles, 'int32'), tf.cast(content, 'int32')], 1);
    const L = ids.shape[1] as number;
    // keys: padding (id 0) is masked out of attention; role tokens are never padding
    let bias: tf.Tensor = tf.reshape(tf.mul(tf.cast(tf.equal(ids, 0), 'float32'), -1e9), [n, 1, 1, L]);
    if (cfg.roleAttention === 'isolated') bias = tf.add(bias, tf.tensor4d(isolationMask(S, L), [1, 1, L, L]));
    let x: tf.Tensor = tf.gather(embed, tf.reshape(ids, [n * L])); // [n·L, d]
    const heads = (t: tf.Tensor, rows: number): tf.Tensor => tf.reshape(tf.transpose(tf.reshape(t, [n, rows, H, dh]), [0, 2, 1, 3]), [n * H, rows, dh]);
    // One pre-LN block whose queries are the first `rows` tokens of each item (keys and values: all
    // L). Every layer but the last updates all L tokens; the last one only the S role tokens — the
    // content tokens' last-layer outputs are never read, so computing them is wasted work (it was
    // ~1/(2·layers) of every pass, more for SISO's one-role passes than the token ratio suggests).
    const block = (w: LayerWeights, xin: tf.Tensor, rows: number): tf.Tensor => {
      const h = layerNorm(xin, w.ln1g, w.ln1b) as tf.Tensor2D;
      const hq = rows === L ? h : (tf.reshape(tf.slice(tf.reshape(h, [n, L, d]), [0, 0, 0], [n, rows, d]), [n * rows, d]) as tf.Tensor2D);
      const xq = rows === L ? xin : tf.reshape(tf.slice(tf.reshape(xin, [n, L, d]), [0, 0, 0], [n, rows, d]), [n * rows, d]);
      const q = heads(mm(hq, w.wq as tf.Tensor2D), rows);
      // K laid out transposed [n·H, dh, L] directly: the score product is then a plain batched
      // matmul (tfjs-wasm's transposeB path is many times slower at these shapes)
      const kT = tf.reshape(tf.transpose(tf.reshape(mm(h, w.wk as tf.Tensor2D), [n, L, H, dh]), [0, 2, 3, 1]), [n * H, dh, L]) as tf.Tensor3D;
      const val = heads(mm(h, w.wv as tf.Tensor2D), L);
      const b = rows === L || bias.shape[2] === 1 ? bias : tf.slice(bias, [0, 0, 0, 0], [-1, -1, rows, -1]);
      const scores = tf.add(tf.reshape(tf.mul(tf.matMul(q as tf.Tensor3D, kT), 1 / Math.sqrt(dh)), [n, H, rows, L]), b);
      const att = tf.reshape(tf.softmax(scores), [n * H, rows, L]) as tf.Tensor3D;
      const ctx = tf.reshape(tf.transpose(tf.reshape(tf.matMul(att, val as tf.Tensor3D), [n, H, rows, dh]), [0, 2, 1, 3]), [n * rows, d]) as tf.Tensor2D;
      const y = tf.add(xq, tf.add(mm(ctx, w.wo as tf.Tensor2D), w.bo));
      const h2 = layerNorm(y, w.ln2g, w.ln2b) as tf.Tensor2D;
      return tf.add(y, tf.add(mm(tf.relu(tf.add(mm(h2, w.w1 as tf.Tensor2D), w.b1)) as tf.Tensor2D, w.w2 as tf.Tensor2D), w.b2));
    };
    layers.forEach((w, l) => {
      x = block(w, x, l === layers.length - 1 ? S : L);
    });
    // x now holds the role tokens' outputs only: [n·S, d]
    const out = x as tf.Tensor2D;
    let e = l2rows(mm(layerNorm(out, lnfg, lnfb) as tf.Tensor2D, head as tf.Tensor2D));
    if (frozen && mix) {
      if (!items) throw new Error("pinsage 'concat' needs the item indices of the encoded rows");
      const p = tf.reshape(tf.tile(tf.reshape(tf.gather(frozen, tf.cast(items, 'int32')), [n, 1, -1]), [1, S, 1]), [n * S, -1]);
      const a = tf.sigmoid(mix);
      e = tf.concat([tf.mul(e, tf.sqrt(a)), tf.mul(p, tf.sqrt(tf.sub(1, a)))], 1);
    }
    return tf.reshape(e, [n, S, dim]) as tf.Tensor3D;
  };

  return {
    cfg,
    tokens,
    dim,
    variables,
    encode,
    dispose(): void {
      tf.dispose(variables);
      frozen?.dispose();
    },
  };
}
