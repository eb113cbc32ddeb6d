/** How user configs load the packed plugin on ESLint 10: see config-matrix.ts. */
import { describeFlatConfigs } from './config-matrix';

describeFlatConfigs(10);

