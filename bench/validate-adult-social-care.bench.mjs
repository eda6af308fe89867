import { validationBenchmark } from './schema-benchmarks.mjs';

export default validationBenchmark('adult-social-care');
