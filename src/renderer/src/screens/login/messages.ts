import { defineMessages } from '../../i18n/i18n.js';

export const messages = defineMessages({
  en: {
    title: 'Sign in',
    name: 'Staff name',
    password: 'Password',
    submit: 'Sign in',
    signingIn: 'Signing in…',
    offline: 'Signed in offline with the credentials verified here last time; decisions wait for the hub.',
    demoAccounts: 'Demo accounts (password {password}): {names}',
    lockedTitle: 'Console locked',
    lockedBody: '{name} ({role}) — enter your password to continue.',
    unlock: 'Unlock',
    switchUser: 'Sign out',
  },
  'zh-CN': {
    title: '登录',
    name: '员工账号',
    password: '密码',
    submit: '登录',
    signingIn: '正在登录…',
    offline: '已使用本机上次验证的凭据离线登录；操作将在连接中心服务后提交。',
    demoAccounts: '演示账号（密码 {password}）：{names}',
    lockedTitle: '控制台已锁定',
    lockedBody: '{name}（{role}）— 请输入密码继续。',
    unlock: '解锁',
    switchUser: '退出登录',
  },
});
