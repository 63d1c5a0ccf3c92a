import { theme } from 'antd';

/** antd's theme hash class for the classes of antd-look.ts (one token read for a whole list). */
export const useAntdHashId = () => theme.useToken().hashId;
