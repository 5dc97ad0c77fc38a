import { getKernel, profile, tidy, valueAndGrads, tensor, type Tensor, type TensorContainer } from '@tensorflow/tfjs-core';
import { PARITY_CASES, caseInputs } from './parity/cases';
import { uniform } from './parity/seeded';
import type { BackendName } from './types';

/** Kernel names a function runs on the current backend (forward and, if it takes gradients, backward). */
export async function kernelsUsedBy(fn: () => TensorContainer): Promise<string[]> {
  const info = await profile(fn);
  // Names ending in '__op' are composite ops with a custom gradient (e.g. logSoftmax), not kernels.
  return [...new Set(info.kernelNames)].filter((n) => !n.endsWith('__op')).sort();
}

/** Every kernel the parity cases run, forward and backward. */
export async function kernelsOfParityCases(): Promise<string[]> {
  const all = new Set<string>();
  for (const c of PARITY_CASES) {
    const names = await kernelsUsedBy(() =>
      tidy(() => {
        const { floats, ints } = caseInputs(c, 1);
        const probe = c.f(floats, ints);
        const dy = tensor(uniform(probe.size, 5), probe.shape);
        const { value, grads } = valueAndGrads((...xs: Tensor[]) => c.f(xs, ints))(floats, dy);
        return [value, ...grads];
      }),
    );
    names.forEach((n) => all.add(n));
  }
  return [...all].sort();
}

/** The names among `kernels` that `backend` has no kernel for. */
export function missingKernels(kernels: string[], backend: BackendName): string[] {
  return kernels.filter((name) => getKernel(name, backend) == null);
}
