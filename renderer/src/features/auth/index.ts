// Sign-in: the screen App shows until someone is signed in (no area, no tab kinds).
export { SignInScreen } from './SignInScreen';
