/** The `salesforce-session-lint` bin on ESLint 9: see cli-matrix.ts. */
import { describeCli } from './cli-matrix';

describeCli(9);
