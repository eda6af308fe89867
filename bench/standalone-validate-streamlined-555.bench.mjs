import { standaloneValidationBenchmark } from './runtime-benchmarks.mjs';

export default standaloneValidationBenchmark('streamlined-555');
