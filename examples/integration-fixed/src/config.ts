/** Settings, from the environment. */
export const config = {
  loginUrl: process.env.SF_LOGIN_URL ?? 'https://login.salesforce.com',
  clientId: process.env.SF_CLIENT_ID ?? '',
  username: process.env.SF_USERNAME ?? '',
  password: process.env.SF_PASSWORD ?? '',
  /** The Connected App's certificate key, for the JWT bearer flow. */
  privateKey: process.env.SF_PRIVATE_KEY ?? '',
  apiVersion: '59.0',
};
