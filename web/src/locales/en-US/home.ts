import type { Messages } from '../../i18n/catalog';

export default {
  welcome: 'Hello, {name}',
  yourRole: 'Your role: {role}',
  whatYouCanDo: 'What you can open:',
} satisfies Messages<'home'>;
