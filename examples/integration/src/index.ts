/** A nightly job: renames the test accounts and logs the server time. */
import { findAccounts, updateAccount } from './rest';
import { getServerTimestamp, soapLogin } from './soap';

export async function main(): Promise<void> {
  await soapLogin();
  for (const account of await findAccounts('Test ')) {
    await updateAccount(account.Id, { Name: account.Name.replace(/^Test /, 'Sandbox ') });
  }
  console.log(`Done at ${await getServerTimestamp()}`);
}
