/** How user configs load the packed plugin on ESLint 8.57: see config-matrix.ts. */
import { describeEslintrc, describeFlatConfigs } from './config-matrix';

describeEslintrc(8);
describeFlatConfigs(8);
