import { routeBenchmark } from './runtime-benchmarks.mjs';

export default routeBenchmark(5000, 5);
