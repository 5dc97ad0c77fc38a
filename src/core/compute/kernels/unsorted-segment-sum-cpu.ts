import { UnsortedSegmentSum, util, type KernelConfig, type KernelFunc } from '@tensorflow/tfjs-core';
import type { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import { segmentSumGeometry, segmentSumInto } from './unsorted-segment-sum-wasm';

type CpuBackend = Pick<MathBackendCPU, 'readSync' | 'makeTensorInfo'>;

/**
 * tfjs-cpu's UnsortedSegmentSum builds a mask per segment: O(numSegments × size(x)), which made
 * one step of a 2,000-node GCN take seconds. This one is a single pass, O(size(x)).
 */
export const unsortedSegmentSumCpu: KernelFunc = ({ inputs, backend, attrs }) => {
  const { x, segmentIds, numSegments, inner, outShape } = segmentSumGeometry(inputs, attrs, 'cpu');
  const cpu = backend as CpuBackend;
  const out = x.dtype === 'int32' ? new Int32Array(util.sizeFromShape(outShape)) : new Float32Array(util.sizeFromShape(outShape));
  const xValues = cpu.readSync(x.dataId) as Float32Array | Int32Array;
  const ids = cpu.readSync(segmentIds.dataId) as Int32Array;
  segmentSumInto(xValues, ids, inner, numSegments, out);
  return cpu.makeTensorInfo(outShape, x.dtype, out);
};

export const unsortedSegmentSumCpuConfig: KernelConfig = {
  kernelName: UnsortedSegmentSum,
  backendName: 'cpu',
  kernelFunc: unsortedSegmentSumCpu,
};
