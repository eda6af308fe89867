import { compileBenchmark } from './schema-benchmarks.mjs';

export default compileBenchmark(500, 50);
