/**
 * The simulated marketplace's world: regions (ISO 3166-2:CN codes, with the GB/T 2260
 * administrative divisions a USCC embeds), names, merchant categories, carriers, and the
 * device ids and addresses the risk team already knows to be bad.
 */
import type { ShippingMethod } from '../shared/escrow/order.js';
import type { Random } from './random.js';

export interface City {
  name: string;
  /** GB/T 2260 code of the city's administrative division. */
  division: string;
  districts: readonly string[];
}

export interface Region {
  /** ISO 3166-2 subdivision code: what order.paid carries as buyer/shipping region. */
  code: string;
  /** Empty for the municipalities, whose city is the province. */
  province: string;
  cities: readonly City[];
  /** Share of online buyers (relative). */
  weight: number;
}

export const REGIONS: readonly Region[] = [
  { code: 'CN-GD', province: '广东省', weight: 16, cities: [
    { name: '深圳市', division: '440300', districts: ['南山区', '福田区', '宝安区', '龙岗区'] },
    { name: '广州市', division: '440100', districts: ['天河区', '越秀区', '番禺区', '白云区'] },
  ] },
  { code: 'CN-ZJ', province: '浙江省', weight: 11, cities: [
    { name: '杭州市', division: '330100', districts: ['西湖区', '余杭区', '滨江区', '拱墅区'] },
    { name: '义乌市', division: '330782', districts: ['稠城街道', '北苑街道', '福田街道'] },
  ] },
  { code: 'CN-JS', province: '江苏省', weight: 11, cities: [
    { name: '南京市', division: '320100', districts: ['鼓楼区', '玄武区', '江宁区'] },
    { name: '苏州市', division: '320500', districts: ['姑苏区', '工业园区', '吴中区'] },
  ] },
  { code: 'CN-SH', province: '', weight: 8, cities: [{ name: '上海市', division: '310115', districts: ['浦东新区', '徐汇区', '静安区', '闵行区'] }] },
  { code: 'CN-BJ', province: '', weight: 7, cities: [{ name: '北京市', division: '110108', districts: ['海淀区', '朝阳区', '东城区', '丰台区'] }] },
  { code: 'CN-SD', province: '山东省', weight: 7, cities: [{ name: '青岛市', division: '370200', districts: ['市南区', '崂山区', '黄岛区'] }] },
  { code: 'CN-FJ', province: '福建省', weight: 5, cities: [{ name: '厦门市', division: '350200', districts: ['思明区', '湖里区', '集美区'] }] },
  { code: 'CN-SC', province: '四川省', weight: 6, cities: [{ name: '成都市', division: '510100', districts: ['锦江区', '武侯区', '高新区'] }] },
  { code: 'CN-HB', province: '湖北省', weight: 5, cities: [{ name: '武汉市', division: '420100', districts: ['江汉区', '洪山区', '武昌区'] }] },
  { code: 'CN-HA', province: '河南省', weight: 5, cities: [{ name: '郑州市', division: '410100', districts: ['金水区', '二七区', '中原区'] }] },
  { code: 'CN-CQ', province: '', weight: 4, cities: [{ name: '重庆市', division: '500103', districts: ['渝中区', '江北区', '南岸区'] }] },
  { code: 'CN-LN', province: '辽宁省', weight: 3, cities: [{ name: '大连市', division: '210200', districts: ['中山区', '沙河口区', '甘井子区'] }] },
  { code: 'CN-YN', province: '云南省', weight: 2, cities: [{ name: '昆明市', division: '530100', districts: ['五华区', '盘龙区', '官渡区'] }] },
  { code: 'CN-XJ', province: '新疆维吾尔自治区', weight: 1, cities: [{ name: '乌鲁木齐市', division: '650100', districts: ['天山区', '沙依巴克区'] }] },
  { code: 'CN-HK', province: '香港特别行政区', weight: 2, cities: [{ name: '香港', division: '810000', districts: ['中西区', '油尖旺区', '沙田区'] }] },
];

const STREETS = ['科技园路', '人民路', '解放路', '中山路', '建设路', '和平路', '滨江大道', '文一西路', '学院路', '长江路', '新华路', '工业大道'];

/** A street address in `region`, as a buyer types it at checkout. */
export function streetAddress(random: Random, region: Region): string {
  const city = random.pick(region.cities);
  const building = random.chance(0.7) ? `${random.int(1, 30)}栋${random.int(1, 3)}单元${random.int(1, 32)}0${random.int(1, 8)}` : `${random.int(1, 9)}号楼`;
  return `${region.province}${city.name}${random.pick(city.districts)}${random.pick(STREETS)}${random.int(1, 999)}号${building}`;
}

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '罗', '高'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀', '霞', '平', '华', '玉', '萍', '鑫', '宇', '浩', '欣', '怡', '涵', '晨', '轩'];

export function personName(random: Random): string {
  return random.pick(SURNAMES) + random.pick(GIVEN) + (random.chance(0.6) ? random.pick(GIVEN) : '');
}

const BRAND_WORDS = ['星辰', '华彩', '优品', '锦绣', '云帆', '蓝鲸', '青木', '百川', '瑞丰', '嘉禾', '新源', '汇通', '凯利', '金桥', '安和'];
const COMPANY_SUFFIX = { b2c: ['科技有限公司', '电子商务有限公司', '品牌管理有限公司'], b2b: ['贸易有限公司', '实业有限公司', '供应链管理有限公司'] } as const;

export function companyName(random: Random, city: City, segment: 'b2c' | 'b2b'): string {
  const cityShort = city.name.replace(/市$/, '');
  return `${cityShort}${random.pick(BRAND_WORDS)}${random.pick(COMPANY_SUFFIX[segment])}`;
}

export type Segment = 'c2c' | 'b2c' | 'b2b';

export interface Category {
  name: string;
  /** How this category's goods leave the merchant. */
  shipping: ReadonlyArray<readonly [ShippingMethod, number]>;
}

const PARCELS: Category['shipping'] = [['express', 93], ['surface', 7]];
const DIGITAL: Category['shipping'] = [['virtual', 1]];
const FREIGHT: Category['shipping'] = [['express', 60], ['surface', 40]];

export const CATEGORIES: Record<Segment, readonly Category[]> = {
  c2c: [
    { name: 'second_hand_phones', shipping: PARCELS },
    { name: 'handmade_crafts', shipping: PARCELS },
    { name: 'vintage_clothing', shipping: PARCELS },
    { name: 'books', shipping: PARCELS },
    { name: 'collectibles', shipping: PARCELS },
    { name: 'game_top_up', shipping: DIGITAL },
  ],
  b2c: [
    { name: 'apparel', shipping: PARCELS },
    { name: 'consumer_electronics', shipping: PARCELS },
    { name: 'beauty', shipping: PARCELS },
    { name: 'home_appliances', shipping: PARCELS },
    { name: 'snacks', shipping: PARCELS },
    { name: 'mother_and_baby', shipping: PARCELS },
    { name: 'digital_vouchers', shipping: DIGITAL },
  ],
  b2b: [
    { name: 'industrial_parts', shipping: FREIGHT },
    { name: 'packaging_materials', shipping: FREIGHT },
    { name: 'textile_wholesale', shipping: FREIGHT },
    { name: 'electronic_components', shipping: FREIGHT },
  ],
};

/** Express tracking numbers as the big carriers print them; surface mail is China Post. */
export function trackingNumber(random: Random, method: ShippingMethod): string | undefined {
  if (method === 'virtual') return undefined;
  if (method === 'surface') return `9${random.digits(12)}`;
  return random.weighted<() => string>([
    [() => `SF${random.digits(13)}`, 4],
    [() => `YT${random.digits(13)}`, 3],
    [() => `7${random.digits(11)}`, 3],
    [() => `JD${random.digits(13)}`, 2],
  ])();
}

/**
 * Device ids and addresses on the risk team's block list (known fraud devices, parcel drop
 * points). Fixed across seeds: a block list outlives a simulated day.
 */
export const KNOWN_BAD_DEVICE_IDS = ['dev-5f1d0c0ffee0bad1', 'dev-0d15ea5e0bad0002', 'dev-a11ce0fbad00b0b3', 'dev-feedfacebad00004'] as const;

export const KNOWN_BAD_ADDRESSES: ReadonlyArray<{ region: string; address: string }> = [
  { region: 'CN-GD', address: '广东省深圳市宝安区福永街道凤凰第三工业区A栋一楼代收点' },
  { region: 'CN-ZJ', address: '浙江省义乌市稠城街道宾王路158号快递驿站17号柜' },
  { region: 'CN-FJ', address: '福建省厦门市湖里区枋湖北二路1号仓库转运点' },
];
