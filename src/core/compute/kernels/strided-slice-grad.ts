import {
  getGradient,
  registerGradient,
  reshape,
  scatterND,
  slice_util,
  StridedSlice,
  tensor2d,
  type GradConfig,
  type NamedAttrMap,
  type StridedSliceAttrs,
  zerosLike,
  type Tensor,
} from '@tensorflow/tfjs-core';

/**
 * The positions (row-major, one row of `rank` coordinates each) that a strided slice reads from
 * an input of shape `xShape`; the output's elements come in this same order.
 */
export function stridedSlicePositions(xShape: number[], attrs: StridedSliceAttrs): Int32Array {
  const info = slice_util.sliceInfo(
    xShape, attrs.begin, attrs.end, attrs.strides,
    attrs.beginMask, attrs.endMask, attrs.ellipsisMask, attrs.newAxisMask, attrs.shrinkAxisMask,
  );
  const rank = xShape.length;
  const perDim: number[][] = [];
  for (let d = 0; d < rank; d++) {
    const positions: number[] = [];
    const b = info.begin[d];
    const e = info.end[d];
    const s = info.strides[d];
    for (let p = b; s > 0 ? p < e : p > e; p += s) positions.push(p);
    perDim.push(positions);
  }
  const count = perDim.reduce((n, p) => n * p.length, 1);
  const out = new Int32Array(count * rank);
  const idx = new Array<number>(rank).fill(0);
  for (let k = 0; k < count; k++) {
    for (let d = 0; d < rank; d++) out[k * rank + d] = perDim[d][idx[d]];
    for (let d = rank - 1; d >= 0; d--) {
      if (++idx[d] < perDim[d].length) break;
      idx[d] = 0;
    }
  }
  return out;
}

/**
 * tfjs 4.22 has no gradient for StridedSlice. dx is dy scattered back to the positions the slice
 * read (ScatterNd exists on webgpu, wasm and cpu).
 */
export const stridedSliceGradConfig: GradConfig = {
  kernelName: StridedSlice,
  inputsToSave: ['x'],
  gradFunc: (dy: Tensor | Tensor[], saved: Tensor[], attrs: NamedAttrMap) => {
    const [x] = saved;
    const upstream = dy as Tensor;
    const positions = stridedSlicePositions(x.shape, attrs as unknown as StridedSliceAttrs);
    const n = positions.length / Math.max(1, x.rank);
    return {
      x: () => {
        if (n === 0 || x.rank === 0) return zerosLike(x);
        const indices = tensor2d(positions, [n, x.rank], 'int32');
        return scatterND(indices, reshape(upstream, [n]), x.shape);
      },
    };
  },
};

export function registerStridedSliceGrad(): boolean {
  if (getGradient(StridedSlice) != null) return false;
  registerGradient(stridedSliceGradConfig);
  return true;
}
