// The commonest passwords (NIST SP 800-63B §3.1.1.2: refuse values "known to be commonly
// used, expected, or compromised"). Only entries of 8 characters or more are listed: shorter
// ones are already refused by the length rule. Compared after NFKC and lower-casing, so
// "Password1" and "PASSWORD1" are refused too. Taken from the well-known public lists of
// leaked passwords (their top entries), plus the season/year, company and call-center
// patterns that password audits keep finding. Shipped with the app: no network look-up.

const LIST: readonly string[] = [
  'password', 'password1', 'password12', 'password123', 'password1234', 'passw0rd', 'p@ssw0rd', 'p@ssword',
  'pa55word', 'pa$$word', 'password!', 'password01', '12345678', '123456789', '1234567890', '12345678910',
  '123123123', '987654321', '0987654321', '11111111', '111111111', '1111111111', '00000000', '000000000', '22222222',
  '33333333', '44444444', '55555555', '66666666', '77777777', '88888888', '99999999', '12341234', '12121212',
  '11223344', '123654789', '147258369', '123qweasd', '1q2w3e4r', '1q2w3e4r5t', '1q2w3e4r5t6y', '1qaz2wsx',
  '1qazxsw2', 'zaq12wsx', 'zaq1zaq1', 'qwerty12', 'qwerty123', 'qwerty1234', 'qwertyuiop', 'qwertyui',
  'qwerty123456', 'asdfghjkl', 'asdfghjk', 'asdf1234', 'zxcvbnm1', 'zxcvbnm123', 'qazwsxedc', 'qweasdzxc',
  'q1w2e3r4', 'q1w2e3r4t5', 'a1b2c3d4', 'abc12345', 'abcd1234', 'abcdef123', 'aa123456', 'a1234567', 'a12345678',
  '123abc123', '1234qwer', 'qwer1234', 'iloveyou', 'iloveyou1', 'iloveyou2', 'sunshine', 'sunshine1', 'princess',
  'princess1', 'football', 'football1', 'baseball', 'baseball1', 'basketball', 'welcome1', 'welcome123', 'welcome!',
  'welcome01', 'letmein1', 'letmein123', 'trustno1', 'superman', 'superman1', 'batman123', 'starwars', 'starwars1',
  'dragon123', 'master123', 'shadow123', 'michael1', 'jennifer', 'jordan23', 'charlie1', 'computer', 'computer1',
  'internet', 'whatever', 'whatever1', 'freedom1', 'mustang1', 'midnight', 'midnight1', 'blink182', 'chocolate',
  'butterfly', 'lovelove', 'loveyou1', 'lovely123', 'babygirl', 'babygirl1', 'princesa', 'anthony1', 'jessica1',
  'michelle', 'ashley123', 'monkey123', 'liverpool', 'chelsea1', 'arsenal1', 'manchester', 'barcelona1', 'metallica',
  'corvette', 'mercedes', 'ferrari1', 'porsche1', 'hello123', 'hellohello', 'helloworld', 'hello1234', 'changeme',
  'changeme1', 'changeme123', 'default1', 'admin123', 'admin1234', 'administrator', 'adminadmin', 'rootroot',
  'root1234', 'toor1234', 'guest123', 'test1234', 'testtest', 'test12345', 'tester123', 'demo1234', 'secret123',
  'secret12', 'letmein!', 'qwerty!@#', '!qaz2wsx', '!qaz@wsx', '1qaz!qaz', 'p4ssword', 'passwort', 'passwort1',
  'motdepasse', 'contraseña', 'contrasena', 'senha123', 'azerty123', 'azertyuiop', '1234abcd', 'abcdefg1',
  'aaaaaaaa', 'aaaaaaaaa', 'abcabcabc', 'asdasdasd', 'qweqweqwe', 'zxczxczxc', '123321123', '1234554321', '7777777a',
  'samsung1', 'samsung123', 'google123', 'facebook1', 'linkedin', 'microsoft', 'windows1', 'windows10', 'apple123',
  'iphone123', 'android1', 'summer2020', 'summer2021', 'summer2022', 'summer2023', 'summer2024', 'summer2025',
  'summer2026', 'winter2020', 'winter2021', 'winter2022', 'winter2023', 'winter2024', 'winter2025', 'winter2026',
  'spring2024', 'spring2025', 'spring2026', 'autumn2024', 'autumn2025', 'autumn2026', 'fall2024', 'fall2025',
  'fall2026', 'january1', 'february', 'march2024', 'april2024', 'december1', 'october1', 'september', 'password2020',
  'password2021', 'password2022', 'password2023', 'password2024', 'password2025', 'password2026', 'welcome2024',
  'welcome2025', 'welcome2026', 'company1', 'company123', 'office123', 'support1', 'support123', 'service1',
  'service123', 'helpdesk1', 'contact1', 'callcenter', 'callcenter1', 'agent123', 'supervisor', 'supervisor1',
  'operator1', 'manager1', 'manager123', 'employee1', 'user1234', 'username', 'password@123', 'admin@123',
  'pass@123', 'pass1234', 'pass12345', 'mypassword', 'mypassword1', 'nopassword', 'newpassword', 'newpass1',
  'newpass123', 'temp1234', 'temppass', 'temp123!', 'access14', 'access123', 'login123', 'login1234', 'logmein1',
  'matrix123', 'pokemon1', 'naruto123', 'minecraft', 'fortnite', 'soccer12', 'hockey12', 'football12', 'baseball12',
  'jordan123', 'michael23', 'jesus123', 'blessed1', 'angel123', 'forever1', 'friends1', 'family123', '1234567a',
  '12345qwert', '123456qwerty', '123456aa', '123456abc', '1234567q', '1password', '1iloveyou', 'zxcvbnmm',
  'qwertyqwerty',
];

const SET: ReadonlySet<string> = new Set(LIST);

/** The form a password is compared in. */
export function commonPasswordKey(password: string): string {
  return password.normalize('NFKC').toLowerCase();
}

/** True when the password is on the shipped list of the commonest passwords. */
export function isCommonPassword(password: string): boolean {
  return SET.has(commonPasswordKey(password));
}

export const COMMON_PASSWORD_COUNT = SET.size;
