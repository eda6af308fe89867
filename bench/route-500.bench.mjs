import { routeBenchmark } from './runtime-benchmarks.mjs';

export default routeBenchmark(500);
