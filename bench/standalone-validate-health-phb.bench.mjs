import { standaloneValidationBenchmark } from './runtime-benchmarks.mjs';

export default standaloneValidationBenchmark('health-phb');
