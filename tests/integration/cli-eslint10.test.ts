/** The `salesforce-session-lint` bin on ESLint 10: see cli-matrix.ts. */
import { describeCli } from './cli-matrix';

describeCli(10);
