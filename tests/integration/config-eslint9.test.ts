/** How user configs load the packed plugin on ESLint 9: see config-matrix.ts. */
import { describeFlatConfigs, describeEslintrc } from './config-matrix';

describeFlatConfigs(9);
describeEslintrc(9);
