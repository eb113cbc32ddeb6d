/** Settings, from the environment. */
export const config = {
  loginUrl: process.env.SF_LOGIN_URL ?? 'https://login.salesforce.com',
  clientId: process.env.SF_CLIENT_ID ?? '',
  clientSecret: process.env.SF_CLIENT_SECRET ?? '',
  username: process.env.SF_USERNAME ?? '',
  password: process.env.SF_PASSWORD ?? '',
  apiVersion: '59.0',
};
