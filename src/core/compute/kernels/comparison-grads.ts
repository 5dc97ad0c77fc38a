import {
  Equal,
  getGradient,
  Greater,
  GreaterEqual,
  Less,
  LessEqual,
  NotEqual,
  registerGradient,
  zerosLike,
  type GradConfig,
  type Tensor,
} from '@tensorflow/tfjs-core';

/**
 * Comparisons are flat almost everywhere, but tfjs 4.22 registers no gradient for them, so
 * `where(greater(x, 0), …)` with a trainable x fails to differentiate. TensorFlow treats them
 * as having no gradient; we give a zero gradient to both inputs.
 */
export const COMPARISON_KERNELS = [Greater, GreaterEqual, Less, LessEqual, Equal, NotEqual] as const;

function zeroGrad(kernelName: string): GradConfig {
  return {
    kernelName,
    inputsToSave: ['a', 'b'],
    gradFunc: (_dy: Tensor | Tensor[], saved: Tensor[]) => {
      const [a, b] = saved;
      return { a: () => zerosLike(a), b: () => zerosLike(b) };
    },
  };
}

export function registerComparisonGrads(): string[] {
  const done: string[] = [];
  for (const name of COMPARISON_KERNELS) {
    if (getGradient(name) != null) continue;
    registerGradient(zeroGrad(name));
    done.push(`${name} gradient`);
  }
  return done;
}
